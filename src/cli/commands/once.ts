import { runLocked } from '../../app/run-locked.js';
import type { RunControls } from '../../sync/run.js';
import { whoRan } from '../../util/who.js';
import type { CommandContext } from '../context.js';
import { printRunReport } from '../run-report.js';

export interface OnceOptions {
  json?: boolean;
  allowDeletes?: boolean;
}

/** `sis-sync once`: one run, then exit 0 (done), 1 (failed) or 3 (held by the guard); 129/130/143 when stopped by SIGHUP/SIGINT/SIGTERM. */
export async function onceCommand(ctx: CommandContext, options: OnceOptions, trigger = 'once'): Promise<number> {
  const controls: RunControls = options.allowDeletes ? { allowDeletesBy: whoRan() } : {};
  return runLocked(ctx, trigger, controls, printRunReport(ctx, options));
}
