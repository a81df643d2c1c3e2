import type { Logger } from '../log/logger.js';
import type { Clock } from '../util/clock.js';
import { blackoutAt, type BlackoutWindow } from '../util/blackout.js';
import type { SlotTracker } from './slot-tracker.js';
import { formatWallClock, wallClockMinute } from '../util/wall-clock.js';

// Wakes every minute (see ticker.ts), asks the slot tracker whether a scheduled minute is due,
// and asks for a run unless that minute falls in a blackout window. A blackout is logged once
// per window, not once per skipped run.

export interface SchedulerOptions {
  tracker: SlotTracker;
  blackouts: readonly BlackoutWindow[];
  timeZone: string;
  clock: Clock;
  log: Logger;
  requestRun: (trigger: string) => void;
}

export class Scheduler {
  lastTickAt: number | undefined;
  /** When the latest scheduled run came due (blackouts excepted). */
  lastDueAt: number | undefined;
  private announcedBlackout: BlackoutWindow | undefined;

  constructor(private readonly options: SchedulerOptions) {}

  tick(): void {
    const { tracker, clock, log, timeZone } = this.options;
    const now = clock.now();
    this.lastTickAt = now;
    const slot = tracker.due(now);
    if (!slot) return;
    const slotText = `${formatWallClock(slot.minute)} ${timeZone}`;
    const window = blackoutAt(this.options.blackouts, slot.minute);
    if (window) {
      if (this.announcedBlackout !== window) {
        this.announcedBlackout = window;
        log.warn(
          { event: 'schedule.blackout', window: window.text, slot: slotText, until: window.last },
          'Scheduled runs are paused for a blackout window',
        );
      } else {
        log.debug({ event: 'schedule.blackout_skip', window: window.text, slot: slotText }, 'Scheduled run skipped (blackout)');
      }
      return;
    }
    if (this.announcedBlackout) {
      log.info({ event: 'schedule.blackout_over', window: this.announcedBlackout.text }, 'Blackout window over; scheduled runs resume');
      this.announcedBlackout = undefined;
    }
    this.lastDueAt = now;
    if (slot.count > 1) {
      log.warn(
        { event: 'schedule.caught_up', slot: slotText, missed: slot.count - 1 },
        'Several scheduled runs came due at once; running once',
      );
    }
    log.info({ event: 'schedule.due', slot: slotText }, 'Scheduled run due');
    this.options.requestRun('schedule');
  }

  /** The blackout window today falls in, if any. */
  blackoutNow(): BlackoutWindow | undefined {
    return blackoutAt(this.options.blackouts, wallClockMinute(this.options.clock.now(), this.options.timeZone));
  }

  /** The next scheduled wall-clock time, for logs and /healthz. */
  nextRun(): string | undefined {
    const minute = this.options.tracker.next(this.options.clock.now());
    return minute === undefined ? undefined : `${formatWallClock(minute)} ${this.options.timeZone}`;
  }
}
