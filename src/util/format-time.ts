// The one way a moment is written for people, in digests and on the approval pages alike.

/**
 * "Mon, Nov 23, 2026, 7:05 AM CST" in the configured zone (the server's when empty), always with
 * the zone named: a server in a container often runs on UTC while its readers do not. Anything
 * that is not a date comes back as it was given.
 */
export function formatTime(when: string | number, timeZone: string, options: { weekday?: boolean } = {}): string {
  const date = new Date(when);
  if (Number.isNaN(date.getTime())) return String(when);
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
