import { runCycle } from '../../app/run-cycle.js';
import { EXIT } from '../../errors.js';
import { acquireStateLock } from '../../state/lock.js';
import { openState } from '../../state/store.js';
import type { MembershipSource } from '../../sync/ports.js';
import type { RunControls, RunReport } from '../../sync/run.js';
import { whoRan } from '../../util/who.js';
import type { CommandContext } from '../context.js';
import { reportToJson } from '../plan-json.js';
import { SIGNAL_EXIT, watchStopSignals } from '../stop-signals.js';
import { formatRunReport } from '../report-format.js';

export interface OnceOptions {
  json?: boolean;
  allowDeletes?: boolean;
}

/** `sis-sync once`: one run, then exit 0 (done), 1 (failed) or 3 (held by the guard); 129/130/143 when stopped by SIGHUP/SIGINT/SIGTERM. */
export async function onceCommand(ctx: CommandContext, options: OnceOptions, trigger = 'once'): Promise<number> {
  const controls: RunControls = options.allowDeletes ? { allowDeletesBy: whoRan() } : {};
  return runLocked(ctx, trigger, controls, options);
}

/** Takes the state lock, runs one cycle, prints its report, and maps its outcome to an exit code. */
export async function runLocked(
  ctx: CommandContext,
  trigger: string,
  controls: RunControls,
  options: { json?: boolean; shownWarnings?: ReadonlySet<string> },
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
    ctx.out(options.json ? JSON.stringify(reportToJson(result.report), null, 2) : formatRunReport(result.report, options.shownWarnings));
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
