import type { Settings } from '../config/settings.js';
import { EXIT } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { acquireStateLock } from '../state/lock.js';
import { openState } from '../state/store.js';
import type { MembershipSource } from '../desired/ports.js';
import type { RunControls, RunReport } from '../sync/run.js';
import type { ProgressReporter } from '../util/progress.js';
import { runCycle } from './run-cycle.js';
import { SIGNAL_EXIT, watchStopSignals } from './stop-signals.js';

// One run from a command (`once`, `approve`, `rollback`, `drift --reconcile`, the demo): the
// state lock held for its length, stop signals watched, the cycle run, and its outcome as an
// exit code. How the report is shown is the command's: `print` is called with it.

export interface LockedRunContext {
  settings: Settings;
  log: Logger;
  progress?: ProgressReporter;
}

/** Takes the state lock, runs one cycle, prints its report, and maps its outcome to an exit code. */
export async function runLocked(
  ctx: LockedRunContext,
  trigger: string,
  controls: RunControls,
  print: (report: RunReport) => void,
  source?: MembershipSource,
): Promise<number> {
  const lock = acquireStateLock(ctx.settings.state.dir, trigger);
  const store = openState(ctx.settings.state.dir);
  const stop = watchStopSignals({
    log: ctx.log,
    graceMs: ctx.settings.daemon.shutdownGraceSeconds * 1000,
    forceStop: (signal) => {
      // What is in flight stays recorded as in flight: the next run resumes it.
      const interrupted = store.runs.markInterrupted(new Date().toISOString());
      if (interrupted > 0) ctx.log.warn({ event: 'run.interrupted', count: interrupted }, 'Run recorded as interrupted');
      store.close();
      lock.release();
      process.exit(SIGNAL_EXIT[signal]);
    },
  });
  try {
    const result = await runCycle({
      settings: ctx.settings,
      store,
      log: ctx.log,
      trigger,
      controls,
      signal: stop.signal,
      ...(ctx.progress ? { progress: ctx.progress } : {}),
      ...(source ? { source } : {}),
    });
    const stoppedBy = stop.received();
    // Already logged (run.stop_requested, run.interrupted) and recorded; not a failure to print.
    if (stoppedBy) return SIGNAL_EXIT[stoppedBy];
    if (result.kind === 'error') throw result.error;
    print(result.report);
    return exitCodeOf(result.report);
  } finally {
    stop.dispose();
    store.close();
    lock.release();
  }
}

export function exitCodeOf(report: RunReport): number {
  if (report.outcome === 'held') return EXIT.held;
  return report.outcome === 'success' ? EXIT.done : EXIT.failed;
}
