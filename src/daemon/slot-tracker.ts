import type { MinuteMatcher } from '../util/cron-matcher.js';
import { wallClockMinute } from '../util/wall-clock.js';

// Decides which scheduled minute is due, and remembers that it has been handled. It counts
// wall-clock minutes in the schedule's time zone and only ever moves forward:
//   spring forward (02:00 → 03:00): the minutes 02:00-02:59 never show on the clock, but they
//     lie between the last minute seen (01:59) and the next (03:00), so a run set for 02:30 is
//     due at 03:00: late, never skipped;
//   fall back (02:00 → 01:00): the repeated hour's minutes are not after the last minute seen,
//     so nothing set for 01:30 runs a second time.
// Pure: it is told the time, so tests step it through both changes minute by minute.

/** How far back a late check looks (a suspended machine, a clock set forward): 8 days. */
const MAX_LOOKBACK_MINUTES = 8 * 24 * 60;

export interface DueSlot {
  /** The wall-clock minute that came due (the latest one, when several did). */
  minute: number;
  /** How many scheduled minutes came due since the last check; more than 1 after a gap. */
  count: number;
}

export class SlotTracker {
  private handledUpTo: number;

  /**
   * @param startedAtMs the daemon's start: minutes before it are not due.
   * @param lastScheduledRunAtMs when the previous process last started a scheduled run, so
   *   that a restart inside a repeated hour does not run that hour's slot again.
   */
  constructor(
    private readonly matches: MinuteMatcher,
    private readonly timeZone: string,
    startedAtMs: number,
    lastScheduledRunAtMs?: number,
  ) {
    const started = wallClockMinute(startedAtMs, timeZone);
    const lastRun = lastScheduledRunAtMs === undefined ? started : wallClockMinute(lastScheduledRunAtMs, timeZone);
    this.handledUpTo = Math.max(started, lastRun);
  }

  /** The scheduled minute due at `nowMs`, if any; it counts as handled from then on. */
  due(nowMs: number): DueSlot | undefined {
    const now = wallClockMinute(nowMs, this.timeZone);
    if (now <= this.handledUpTo) return undefined;
    const from = Math.max(this.handledUpTo + 1, now - MAX_LOOKBACK_MINUTES);
    this.handledUpTo = now;
    let latest: number | undefined;
    let count = 0;
    for (let minute = from; minute <= now; minute++) {
      if (!this.matches(minute)) continue;
      latest = minute;
      count++;
    }
    return latest === undefined ? undefined : { minute: latest, count };
  }

  /** The next scheduled wall-clock minute after `nowMs`, looking ahead at most `horizonDays`. */
  next(nowMs: number, horizonDays = 8): number | undefined {
    const from = Math.max(wallClockMinute(nowMs, this.timeZone), this.handledUpTo) + 1;
    for (let minute = from; minute <= from + horizonDays * 24 * 60; minute++) {
      if (this.matches(minute)) return minute;
    }
    return undefined;
  }
}
