import type { Ticker } from '../../src/daemon/ticker.js';
import { systemClock, type Clock } from '../../src/util/clock.js';

export { ManualClock } from '../../src/sim/manual-clock.js';

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
