import { RunTimeoutError } from '../errors.js';

// Every run has an end: past `sync.runTimeoutMinutes` its signal aborts with a RunTimeoutError,
// which stops it at its next safe point (between polls, between uploads, the mapping module's
// thread). A step that does not listen to the signal still cannot hold the service: after a
// grace period the run is given up on, recorded as failed by the caller, and the service goes on.
// Real time on purpose: the engine's clock may be a test's, whose sleeps take no time.

/** How long a run past its bound has to stop by itself before it is given up on. */
export const RUN_STOP_GRACE_MS = 60_000;

export interface RunBoundOptions {
  limitMinutes: number;
  /** The caller's own stop request (SIGTERM), passed through. */
  signal?: AbortSignal | undefined;
  graceMs?: number;
  /** Called when the run did not stop within the grace period and is left behind. */
  onAbandoned?: (error: RunTimeoutError) => void;
}

export async function withinRunBound<T>(options: RunBoundOptions, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const forward = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) forward();
  else options.signal?.addEventListener('abort', forward, { once: true });
  const timers: NodeJS.Timeout[] = [];
  try {
    const running = run(controller.signal);
    const abandoned = new Promise<never>((_, reject) => {
      timers.push(
        setTimeout(
          () => {
            const error = new RunTimeoutError(options.limitMinutes);
            controller.abort(error);
            timers.push(
              setTimeout(() => {
                options.onAbandoned?.(error);
                reject(error);
              }, options.graceMs ?? RUN_STOP_GRACE_MS),
            );
          },
          Math.min(options.limitMinutes * 60_000, MAX_TIMER_MS),
        ),
      );
    });
    return await Promise.race([running, abandoned]);
  } finally {
    for (const timer of timers) clearTimeout(timer);
    options.signal?.removeEventListener('abort', forward);
  }
}

/** setTimeout fires at once past 2^31-1 ms (24.8 days): a bound that long is no bound anyway. */
const MAX_TIMER_MS = 2 ** 31 - 1;
