import pLimit, { type LimitFunction } from 'p-limit';
import type { Clock } from '../../util/clock.js';

// Keeps sis-sync within what a PowerSchool server tolerates: at most `concurrency` requests in
// flight, and request starts at least `minIntervalMs` apart (a server can be set to refuse
// requests that come faster). Every attempt passes through here, retries included.

export class RequestGate {
  private readonly limit: LimitFunction;
  /** When the last request really started; starts take turns, so that a late wake-up delays the next. */
  private lastStart = Number.NEGATIVE_INFINITY;
  private turns: Promise<void> = Promise.resolve();

  constructor(private readonly options: { concurrency: number; minIntervalMs: number; clock: Clock }) {
    this.limit = pLimit(options.concurrency);
  }

  run<T>(attempt: () => Promise<T>): Promise<T> {
    return this.limit(async () => {
      await this.pace();
      return attempt();
    });
  }

  /**
   * Waits until `minIntervalMs` after the previous request really started. Callers take turns,
   * and the gap is measured from the actual start, so that a sleep that overruns (a busy event
   * loop) never lets the next request catch up with it.
   */
  private pace(): Promise<void> {
    const { minIntervalMs, clock } = this.options;
    if (minIntervalMs <= 0) return Promise.resolve();
    const turn = this.turns.then(async () => {
      for (let wait = this.lastStart + minIntervalMs - clock.now(); wait > 0; wait = this.lastStart + minIntervalMs - clock.now()) {
        await clock.sleep(wait);
      }
      this.lastStart = clock.now();
    });
    this.turns = turn.catch(() => undefined);
    return turn;
  }
}
