import type { Settings } from '../config/settings.js';

// How tables for people order names and show times. Only what is printed: uploads, the state
// store and --json keep their own order and ISO times, byte for byte.

/** Grade 9 before Grade 10; "Cañon" beside "Canon"; case aside. */
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Compares as a person reads; names the collator calls equal keep a fixed order. */
export function comparePeopleOrder(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Sorts a copy by the given keys, each compared as a person reads. */
export function sortForPeople<T>(items: readonly T[], keys: (item: T) => string[]): T[] {
  return [...items].sort((x, y) => {
    const a = keys(x);
    const b = keys(y);
    for (let i = 0; i < a.length; i++) {
      const order = comparePeopleOrder(a[i] ?? '', b[i] ?? '');
      if (order !== 0) return order;
    }
    return 0;
  });
}

/** The zone times are shown in: schedule.timezone, else notify.timeZone, else the server's own. */
export function displayZone(settings: Settings): string {
  return settings.schedule.timezone || settings.notify.timeZone || '';
}

/** "2026-11-23 07:05 CST" in the zone (the server's when empty); text that is not a time is returned as it is. */
export function displayTime(iso: string, timeZone: string): string {
  const parts = zonedParts(iso, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
  if (!parts) return iso;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

/** "2026-11-23", the day in the zone (a UTC date can be the day before or after). */
export function displayDate(iso: string, timeZone: string): string {
  const parts = zonedParts(iso, timeZone, {});
  return parts ? `${parts.year}-${parts.month}-${parts.day}` : iso;
}

function zonedParts(iso: string, timeZone: string, extra: Intl.DateTimeFormatOptions): Record<string, string> | undefined {
  const date = new Date(iso);
  if (iso === '' || Number.isNaN(date.getTime())) return undefined;
  const parts = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...extra,
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(date);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}
