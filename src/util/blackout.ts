import { wallClockDay } from './wall-clock.js';

// Blackout windows: whole days, in the schedule's time zone, on which no scheduled run starts
// (the SIS year-end rollover, when the source holds half of two school years). Written as
// "2026-06-26/2026-07-06" (both days included) or one day, "2026-12-25".

export interface BlackoutWindow {
  /** As configured, for messages. */
  text: string;
  first: string;
  last: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function dateRangeProblem(entry: unknown): string | undefined {
  if (typeof entry !== 'string') return `each range must be a string such as "2026-06-26/2026-07-06", got ${JSON.stringify(entry)}`;
  const [first = '', last = first, extra] = entry.split('/');
  if (extra !== undefined || !isIsoDate(first) || !isIsoDate(last)) {
    return `"${entry}" is not a date range: write "YYYY-MM-DD/YYYY-MM-DD" (both days included) or one day "YYYY-MM-DD"`;
  }
  if (last < first) return `"${entry}" ends before it starts`;
  return undefined;
}

export function parseBlackouts(entries: readonly string[]): BlackoutWindow[] {
  return entries.map((text) => {
    const [first = '', last = first] = text.split('/');
    return { text, first, last };
  });
}

/** The window a wall-clock minute falls in, if any. */
export function blackoutAt(windows: readonly BlackoutWindow[], wallClockMinute: number): BlackoutWindow | undefined {
  const day = wallClockDay(wallClockMinute);
  return windows.find((w) => w.first <= day && day <= w.last);
}
