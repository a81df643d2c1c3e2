import pLimit, { type LimitFunction } from 'p-limit';
import type { Clock } from '../../util/clock.js';

// Keeps sis-sync within what a PowerSchool server tolerates: at most `concurrency` requests in
// flight, and request starts at least `minIntervalMs` apart (a server can be set to refuse
// requests that come faster). Every attempt passes through here, retries included.

export class RequestGate {
  private readonly limit: LimitFunction;
  private nextStart = 0;

  constructor(private readonly options: { concurrency: number; minIntervalMs: number; clock: Clock }) {
    this.limit = pLimit(options.concurrency);
  }

  run<T>(attempt: () => Promise<T>): Promise<T> {
    return this.limit(async () => {
      await this.pace();
      return attempt();
    });
  }

  /** Reserves the next start time synchronously, so that concurrent callers get distinct ones. */
  private async pace(): Promise<void> {
    if (this.options.minIntervalMs <= 0) return;
    const now = this.options.clock.now();
    const start = Math.max(now, this.nextStart);
    this.nextStart = start + this.options.minIntervalMs;
    if (start > now) await this.options.clock.sleep(start - now);
  }
}
