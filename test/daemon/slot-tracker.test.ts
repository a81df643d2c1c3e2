import { afterEach, describe, expect, it } from 'vitest';
import { createCronMatcher, type CronMatcher } from '../../src/util/cron-matcher.js';
import { SlotTracker } from '../../src/daemon/slot-tracker.js';
import { formatWallClock } from '../../src/util/wall-clock.js';

// The scheduling decision, stepped through both daylight-saving changes with an injected time:
// every check is one more minute (plus a few seconds, as a real timer fires late).

const MINUTE = 60_000;
const matchers: CronMatcher[] = [];

afterEach(() => {
  for (const m of matchers.splice(0)) m.dispose();
});

function tracker(cron: string, timeZone: string, startIso: string, lastScheduledIso?: string): SlotTracker {
  const matcher = createCronMatcher(cron);
  matchers.push(matcher);
  return new SlotTracker(matcher.matches, timeZone, Date.parse(startIso), lastScheduledIso ? Date.parse(lastScheduledIso) : undefined);
}

/** Checks once a minute from `fromIso` for `hours`; returns the instants (UTC) and wall-clock slots that came due. */
function step(t: SlotTracker, fromIso: string, hours: number, everyMs = MINUTE): Array<{ at: string; slot: string; count: number }> {
  const fired: Array<{ at: string; slot: string; count: number }> = [];
  const start = Date.parse(fromIso);
  for (let at = start; at <= start + hours * 3_600_000; at += everyMs) {
    const due = t.due(at + 3_000);
    if (due) fired.push({ at: new Date(at).toISOString().slice(0, 16), slot: formatWallClock(due.minute), count: due.count });
  }
  return fired;
}

describe('SlotTracker across daylight-saving changes (America/New_York)', () => {
  // 2026-03-08: 02:00 EST (07:00Z) becomes 03:00 EDT. 2026-11-01: 02:00 EDT (06:00Z) becomes 01:00 EST.
  const zone = 'America/New_York';

  it('spring forward: a daily run set inside the missing hour runs once, at 03:00, not skipped', () => {
    const t = tracker('30 2 * * *', zone, '2026-03-07T12:00:00Z');
    const fired = step(t, '2026-03-07T12:00:00Z', 48);
    expect(fired).toEqual([
      { at: '2026-03-08T07:00', slot: '2026-03-08 02:30', count: 1 }, // 03:00 EDT, the first minute after the gap
      { at: '2026-03-09T06:30', slot: '2026-03-09 02:30', count: 1 }, // back to 02:30 EDT the next day
    ]);
  });

  it('fall back: a daily run set inside the repeated hour runs once, on its first pass', () => {
    const t = tracker('30 1 * * *', zone, '2026-10-31T12:00:00Z');
    const fired = step(t, '2026-10-31T12:00:00Z', 48);
    expect(fired).toEqual([
      { at: '2026-11-01T05:30', slot: '2026-11-01 01:30', count: 1 }, // 01:30 EDT; 01:30 EST an hour later does not run
      { at: '2026-11-02T06:30', slot: '2026-11-02 01:30', count: 1 },
    ]);
  });

  it('hourly runs: none twice in the repeated hour, none lost in the missing one', () => {
    const fall = step(tracker('0 * * * *', zone, '2026-11-01T03:30:00Z'), '2026-11-01T03:30:00Z', 5);
    expect(fall.map((f) => f.slot)).toEqual(['2026-11-01 00:00', '2026-11-01 01:00', '2026-11-01 02:00', '2026-11-01 03:00']);
    expect(fall.map((f) => f.at)).toEqual(['2026-11-01T04:00', '2026-11-01T05:00', '2026-11-01T07:00', '2026-11-01T08:00']);

    const spring = step(tracker('0 * * * *', zone, '2026-03-08T04:30:00Z'), '2026-03-08T04:30:00Z', 4);
    // 02:00 never shows on the clock; it is due at 03:00 together with 03:00 itself, and runs once.
    expect(spring).toEqual([
      { at: '2026-03-08T05:00', slot: '2026-03-08 00:00', count: 1 },
      { at: '2026-03-08T06:00', slot: '2026-03-08 01:00', count: 1 },
      { at: '2026-03-08T07:00', slot: '2026-03-08 03:00', count: 2 },
      { at: '2026-03-08T08:00', slot: '2026-03-08 04:00', count: 1 },
    ]);
  });

  it('a restart inside the repeated hour does not run its slot again', () => {
    // The previous process started the 01:30 EDT run at 05:30Z and was restarted at 06:10Z (01:10 EST).
    const t = tracker('30 1 * * *', zone, '2026-11-01T06:10:00Z', '2026-11-01T05:30:04Z');
    expect(step(t, '2026-11-01T06:10:00Z', 3)).toEqual([]);
  });

  it('without the last run to go by, the same restart would run it twice (the test can fail)', () => {
    const t = tracker('30 1 * * *', zone, '2026-11-01T06:10:00Z');
    expect(step(t, '2026-11-01T06:10:00Z', 3)).toHaveLength(1);
  });
});

describe('SlotTracker in other zones and situations', () => {
  it('Europe/London: both changes, daily at 01:30', () => {
    // 2026-03-29 01:00 GMT → 02:00 BST (01:30 does not exist); 2026-10-25 02:00 BST → 01:00 GMT (01:30 twice).
    const spring = step(tracker('30 1 * * *', 'Europe/London', '2026-03-28T12:00:00Z'), '2026-03-28T12:00:00Z', 24);
    expect(spring).toEqual([{ at: '2026-03-29T01:00', slot: '2026-03-29 01:30', count: 1 }]);
    const fall = step(tracker('30 1 * * *', 'Europe/London', '2026-10-24T12:00:00Z'), '2026-10-24T12:00:00Z', 24);
    expect(fall).toEqual([{ at: '2026-10-25T00:30', slot: '2026-10-25 01:30', count: 1 }]);
  });

  it('weekdays only, in a zone without daylight saving', () => {
    // 2026-11-23 is a Monday; the week starts on Friday the 20th at 09:00 in Tokyo, after that day's 06:00.
    const fired = step(tracker('0 6 * * 1-5', 'Asia/Tokyo', '2026-11-20T00:00:00Z'), '2026-11-20T00:00:00Z', 24 * 7, 5 * MINUTE);
    expect(fired.map((f) => f.slot)).toEqual([
      '2026-11-23 06:00',
      '2026-11-24 06:00',
      '2026-11-25 06:00',
      '2026-11-26 06:00',
      '2026-11-27 06:00',
    ]);
  });

  it('a late check (machine suspended) runs once for all the slots it missed, and says how many', () => {
    const t = tracker('0 * * * *', 'UTC', '2026-01-01T00:00:30Z');
    expect(t.due(Date.parse('2026-01-01T05:10:00Z'))).toEqual({ minute: expect.any(Number), count: 5 });
    expect(t.due(Date.parse('2026-01-01T05:11:00Z'))).toBeUndefined();
  });

  it('nothing is due twice when the system clock is set back', () => {
    const t = tracker('*/5 * * * *', 'UTC', '2026-01-01T00:00:30Z');
    expect(t.due(Date.parse('2026-01-01T00:05:00Z'))).toBeDefined();
    expect(t.due(Date.parse('2026-01-01T00:02:00Z'))).toBeUndefined();
    expect(t.due(Date.parse('2026-01-01T00:05:30Z'))).toBeUndefined();
    expect(t.due(Date.parse('2026-01-01T00:10:00Z'))).toBeDefined();
  });

  it('a minute before the start is not due; the next slot is reported', () => {
    const t = tracker('30 2 * * *', 'America/New_York', '2026-03-08T06:59:00Z');
    expect(t.due(Date.parse('2026-03-08T06:59:30Z'))).toBeUndefined();
    expect(formatWallClock(t.next(Date.parse('2026-03-08T06:59:30Z')) as number)).toBe('2026-03-08 02:30');
  });
});
