import type { Clock } from '../util/clock.js';

// A clock the caller moves: the tests' scheduling checks and the benchmark's simulated waits of
// minutes, which take no time.

/** Time set by the caller; sleeps resolve at once and move time on. */
export class ManualClock implements Clock {
  constructor(public ms: number) {}
  now = (): number => this.ms;
  sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    signal?.throwIfAborted();
    this.ms += ms;
  };
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
  /** Moves time on outside any wait: the night between two scheduled runs. */
  advance(ms: number): void {
    this.ms += ms;
  }
}
