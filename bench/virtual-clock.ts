import type { Clock } from '../src/util/clock.js';

// Simulated time for the upload figures: a wait of minutes moves the clock on at once. The
// engine and the naive flow each wait on their own clock, and the AspirEDU simulator they talk
// to reads the same clock to decide whether an upload has finished processing.

export class VirtualClock implements Clock {
  constructor(private ms: number) {}

  now = (): number => this.ms;

  sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    signal?.throwIfAborted();
    this.ms += ms;
  };

  /** Moves time on outside any wait: the night between two scheduled runs. */
  advance(ms: number): void {
    this.ms += ms;
  }
}
