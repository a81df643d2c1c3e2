import { runLocked } from '../../app/run-locked.js';
import { approvableHold, approvalControls, APPROVE_TRIGGER } from '../../app/approve-held.js';
import { UsageError } from '../../errors.js';
import { openStateReadOnly } from '../../state/store.js';
import { whoRan } from '../../util/who.js';
import type { CommandContext } from '../context.js';
import { printRunReport } from '../run-report.js';

/**
 * `sis-sync approve <run>`: applies the plan a run was held with, once, if the source still
 * gives the same plan; otherwise says what changed and holds the new plan (exit 3).
 */
export async function approveCommand(ctx: CommandContext, runArg: string, options: { json?: boolean }): Promise<number> {
  const runId = Number(runArg);
  if (!Number.isInteger(runId) || runId < 1)
    throw new UsageError(`"${runArg}" is not a run number`, { code: 'USAGE_RUN', hint: 'See `sis-sync status` for run numbers.' });
  const store = openStateReadOnly(ctx.settings.state.dir);
  try {
    approvableHold(store, runId);
  } finally {
    store?.close();
  }
  return runLocked(ctx, APPROVE_TRIGGER, approvalControls(runId, whoRan(), 'cli'), printRunReport(ctx, options));
}
