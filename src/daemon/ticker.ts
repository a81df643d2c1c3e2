import { schedule, type ScheduledTask } from 'node-cron';
import type { Logger } from '../log/logger.js';

// What wakes the scheduler. In production node-cron fires at the start of every minute, in UTC
// (no daylight-saving change to get wrong); which minute is due is decided by SlotTracker,
// against the injected clock. Tests use a ticker they drive by hand.

export interface Ticker {
  start(onTick: () => void): void;
  stop(): void;
}

export function minuteTicker(log: Logger): Ticker {
  let task: ScheduledTask | undefined;
  return {
    start(onTick) {
      task = schedule('* * * * *', () => onTick(), {
        name: 'sis-sync scheduler',
        timezone: 'Etc/UTC',
        suppressMissedWarning: true,
        logger: {
          info: (message) => log.debug({ event: 'scheduler.cron', message }, 'node-cron'),
          warn: (message) => log.warn({ event: 'scheduler.cron', message }, 'node-cron'),
          error: (message) => log.error({ event: 'scheduler.cron', message: String(message) }, 'node-cron'),
          debug: (message) => log.debug({ event: 'scheduler.cron', message: String(message) }, 'node-cron'),
        },
      });
    },
    stop() {
      void task?.destroy();
      task = undefined;
    },
  };
}
