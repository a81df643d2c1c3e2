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

/** At most `max` items, and how many were left out. */
export function firstOf<T>(items: readonly T[], max: number): { shown: readonly T[]; more: number } {
  return items.length <= max ? { shown: items, more: 0 } : { shown: items.slice(0, max), more: items.length - max };
}
