import type { DataType } from '../../desired/data-types.js';

// Plain words shared by the text and HTML parts, for readers who are not technical.

export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? word : pluralWord}`;
}

/** "students" dashboards hold students; "viewers" dashboards list the staff who see them. */
export function dashboardKind(dataType: DataType): string {
  return dataType === 'viewer' ? 'viewers' : 'students';
}

export function personKind(dataType: DataType): string {
  return dataType === 'viewer' ? 'staff member' : 'student';
}

export function describeDashboard(name: string, dataType: DataType, account: string): string {
  return `${name} (${dashboardKind(dataType)}${account ? `, account ${account}` : ''})`;
}

export function describeDashboards(names: readonly string[], dataType: DataType, account: string): string[] {
  return names.map((name) => describeDashboard(name, dataType, account));
}

/**
 * "Mon, Nov 23, 2026, 7:05 AM CST" in the configured zone (the server's when empty), always with
 * the zone named: a server in a container often runs on UTC while its readers do not.
 */
export function formatTime(iso: string, timeZone: string, options: { weekday?: boolean } = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
    timeZoneName: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  // Assembled by hand: ICU puts a narrow no-break space before AM/PM, which some mail clients show as a box.
  return `${options.weekday === false ? '' : `${part('weekday')}, `}${part('month')} ${part('day')}, ${part('year')}, ${part('hour')}:${part('minute')} ${part('dayPeriod')} ${part('timeZoneName')}`;
}

/** At most `max` items, and how many were left out. */
export function firstOf<T>(items: readonly T[], max: number): { shown: readonly T[]; more: number } {
  return items.length <= max ? { shown: items, more: 0 } : { shown: items.slice(0, max), more: items.length - max };
}
