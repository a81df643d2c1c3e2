// Wall-clock time in a time zone, as a plain number: the minutes since 1970-01-01T00:00 of the
// clock on the wall, as if that clock were UTC. Instants map to it; it does not map back (a
// wall-clock minute may happen twice, in autumn, or never, in spring). That is the point: the
// scheduler counts wall-clock minutes, so a daylight-saving change neither skips nor repeats one.

const MINUTE_MS = 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isTimeZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** The time zone of this server, as the runtime knows it. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The wall-clock minute in `timeZone` at the instant `ms` (milliseconds since the epoch). */
export function wallClockMinute(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0);
  return Math.floor(wall / MINUTE_MS);
}

/** A wall-clock minute as a Date whose UTC fields are the wall-clock fields. */
export function wallClockDate(minute: number): Date {
  return new Date(minute * MINUTE_MS);
}

/** "2026-03-08 02:30", for logs. */
export function formatWallClock(minute: number): string {
  return wallClockDate(minute).toISOString().slice(0, 16).replace('T', ' ');
}

/** "2026-03-08": the wall-clock date of a minute. */
export function wallClockDay(minute: number): string {
  return wallClockDate(minute).toISOString().slice(0, 10);
}
