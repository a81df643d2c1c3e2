import type { Ticker } from '../../src/daemon/ticker.js';
import { systemClock, type Clock } from '../../src/util/clock.js';

/** Time set by the test; sleeps resolve at once and move time on. For pure scheduling tests. */
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

/** Real time moved by an offset the test sets (to reach a scheduled minute); real sleeps. */
export class ShiftedClock implements Clock {
  offsetMs = 0;
  now = (): number => Date.now() + this.offsetMs;
  sleep = systemClock.sleep;
  /** Moves "now" to `iso`, keeping real time running from there. */
  jumpTo(iso: string): void {
    this.offsetMs = Date.parse(iso) - Date.now();
  }
}

/** Wakes the daemon's schedulers when the test says. */
export class HandTicker implements Ticker {
  private onTick: (() => void) | undefined;
  start(onTick: () => void): void {
    this.onTick = onTick;
  }
  stop(): void {
    this.onTick = undefined;
  }
  tick(): void {
    this.onTick?.();
  }
}
