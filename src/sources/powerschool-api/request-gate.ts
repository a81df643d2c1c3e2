import pLimit, { type LimitFunction } from 'p-limit';
import type { Clock } from '../../util/clock.js';

// Keeps sis-sync within what a PowerSchool server tolerates: at most `concurrency` requests in
// flight, and request starts at least `minIntervalMs` apart (a server can be set to refuse
// requests that come faster). Every attempt passes through here, retries included.

export class RequestGate {
  private readonly limit: LimitFunction;
  private nextStart = 0;
  private lastStart = Number.NEGATIVE_INFINITY;

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
    const { minIntervalMs, clock } = this.options;
    if (minIntervalMs <= 0) return;
    const now = clock.now();
    const start = Math.max(now, this.nextStart);
    this.nextStart = start + minIntervalMs;
    if (start > now) await clock.sleep(start - now);
    // A timer can fire late (a busy event loop) and the next one on time, which would send two
    // requests closer than the interval: keep it from the start actually made. The check and the
    // update below run without a pause between them, so two waiters cannot both pass.
    for (let gap = clock.now() - this.lastStart; gap < minIntervalMs; gap = clock.now() - this.lastStart) {
      await clock.sleep(minIntervalMs - gap);
    }
    this.lastStart = clock.now();
    this.nextStart = Math.max(this.nextStart, this.lastStart + minIntervalMs);
  }
}
