import { SisSyncError } from '../errors.js';
import type { Logger } from '../log/logger.js';

// `once`, `approve` and `rollback` stop like the daemon does: the first SIGTERM, SIGINT or SIGHUP
// (the terminal was closed) ends the run at its next safe point, recorded as interrupted, and the
// command exits 128 + the signal's number. The next run resumes what was in flight, as after a
// kill. A second signal, or a step that does not end within the grace period, stops it at once.

export type StopSignal = 'SIGHUP' | 'SIGINT' | 'SIGTERM';

/** The shell's convention: 128 + signal number. */
export const SIGNAL_EXIT: Record<StopSignal, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

const STOP_SIGNALS = Object.keys(SIGNAL_EXIT) as StopSignal[];

export interface StopWatch {
  signal: AbortSignal;
  /** The first stop signal received, if any. */
  received(): StopSignal | undefined;
  dispose(): void;
}

export interface StopWatchOptions {
  log: Logger;
  graceMs: number;
  /** Called when the run must end now (a second signal, or the grace period is over); must not return. */
  forceStop: (signal: StopSignal) => never;
}

export function watchStopSignals(options: StopWatchOptions): StopWatch {
  const controller = new AbortController();
  let first: StopSignal | undefined;
  let grace: NodeJS.Timeout | undefined;
  const onSignal = (signal: StopSignal) => {
    if (first !== undefined) {
      options.log.warn({ event: 'run.forced_stop', signal }, 'Second signal: stopping at once');
      options.forceStop(signal);
    }
    first = signal;
    options.log.warn(
      { event: 'run.stop_requested', signal, graceMs: options.graceMs },
      'Stop requested: the run ends at its next safe point; the next run resumes what is in flight',
    );
    controller.abort(
      new SisSyncError(`interrupted by ${signal}`, { code: 'STOPPED', hint: 'The next run finishes polling what was in flight.' }),
    );
    grace = setTimeout(() => {
      options.log.warn(
        { event: 'run.stop_timeout', graceMs: options.graceMs },
        'The current step did not end within the grace period; stopping anyway',
      );
      options.forceStop(signal);
    }, options.graceMs);
    grace.unref();
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  return {
    signal: controller.signal,
    received: () => first,
    dispose() {
      clearTimeout(grace);
      for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    },
  };
}
