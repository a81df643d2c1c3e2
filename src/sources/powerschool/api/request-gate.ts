import pLimit, { type LimitFunction } from 'p-limit';
import type { Clock } from '../../../util/clock.js';

// Keeps sis-sync within what a PowerSchool server tolerates: at most `concurrency` requests in
// flight, and requests at least `minIntervalMs` apart as the server sees them arrive (a server can
// be set to refuse requests that come faster). Every attempt passes through here, retries and the
// OAuth token request included.
//
// Spacing the moments requests are handed to undici is not enough: a request that needs a new
// connection (TCP, TLS) is written only after the handshake, while the next one, on a kept-alive
// socket, goes out at once, so the two reach the server closer than the interval (an independent
// server saw 18-24 ms with 25 ms set). So, with `writtenSignal`, the gate spaces the moments
// requests are written to the socket: it lets the next request go only once the one before has
// been written (HttpService reports it from undici's onRequestStart, called just before the
// headers are written), and then `minIntervalMs` plus a small margin later, for what happens after
// the write (the server's own read and parse of each request, scheduling jitter on both sides).

/** Added to the interval when spacing writes: at most 5 ms, and a fifth of a short interval. */
export function writeMarginMs(minIntervalMs: number): number {
  return Math.min(5, minIntervalMs / 5);
}

export class RequestGate {
  private readonly limit: LimitFunction;
  private nextStart = 0;
  private lastStart = Number.NEGATIVE_INFINITY;
  /** Resolved once the request last let through has been written (or has ended without being written). */
  private turns: Promise<void> = Promise.resolve();
  /** Marks the request let through but not yet written as written. */
  private unwritten: (() => void) | undefined;

  constructor(
    private readonly options: {
      concurrency: number;
      minIntervalMs: number;
      clock: Clock;
      /** The owner calls written() when each request is written: spacing is then between writes. */
      writtenSignal?: boolean;
    },
  ) {
    this.limit = pLimit(options.concurrency);
  }

  run<T>(attempt: () => Promise<T>): Promise<T> {
    return this.limit(async () => {
      if (this.options.minIntervalMs <= 0) return attempt();
      if (!this.options.writtenSignal) {
        await this.pace(this.options.minIntervalMs);
        return attempt();
      }
      const done = await this.takeTurn();
      try {
        return await attempt();
      } finally {
        done();
      }
    });
  }

  /** The request let through has been written to its socket, now. */
  written(): void {
    const mark = this.unwritten;
    this.unwritten = undefined;
    mark?.();
  }

  /** Waits until the previous request was written and the interval has passed since; returns the release. */
  private takeTurn(): Promise<() => void> {
    const { minIntervalMs, clock } = this.options;
    let release: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => (release = resolve));
    const turn = this.turns.then(() => this.pace(minIntervalMs + writeMarginMs(minIntervalMs), true));
    this.turns = turn.then(() => settled);
    return turn.then(() => {
      const mark = () => {
        this.lastStart = clock.now();
        release();
      };
      this.unwritten = mark;
      // A request that ends unwritten (refused connection) leaves no arrival to space from.
      return () => {
        if (this.unwritten === mark) this.unwritten = undefined;
        release();
      };
    });
  }

  /**
   * Reserves the next start time synchronously, so that concurrent callers get distinct ones.
   * `byWrite`: lastStart is set when the request is written (takeTurn), not here.
   */
  private async pace(minIntervalMs: number, byWrite = false): Promise<void> {
    const { clock } = this.options;
    const now = clock.now();
    const start = Math.max(now, this.nextStart, this.lastStart + minIntervalMs);
    this.nextStart = start + minIntervalMs;
    if (start > now) await clock.sleep(start - now);
    // A timer can fire late (a busy event loop) and the next one on time, which would send two
    // requests closer than the interval: keep it from the start actually made. The check and the
    // update below run without a pause between them, so two waiters cannot both pass.
    for (let gap = clock.now() - this.lastStart; gap < minIntervalMs; gap = clock.now() - this.lastStart) {
      await clock.sleep(minIntervalMs - gap);
    }
    if (byWrite) return;
    this.lastStart = clock.now();
    this.nextStart = Math.max(this.nextStart, this.lastStart + minIntervalMs);
  }
}
