import { UsageError } from '../../errors.js';
import { openStateReadOnly } from '../../state/store.js';
import { whoRan } from '../../util/who.js';
import type { CommandContext } from '../context.js';
import { runLocked } from './once.js';

/**
 * `sis-sync approve <run>`: applies the plan a run was held with, once, if the source still
 * gives the same plan; otherwise says what changed and holds the new plan (exit 3).
 */
export async function approveCommand(ctx: CommandContext, runArg: string, options: { json?: boolean }): Promise<number> {
  const runId = Number(runArg);
  if (!Number.isInteger(runId) || runId < 1)
    throw new UsageError(`"${runArg}" is not a run number`, { code: 'USAGE_RUN', hint: 'See `sis-sync status` for run numbers.' });
  const store = openStateReadOnly(ctx.settings.state.dir);
  const hold = store?.holds.get(runId);
  store?.close();
  if (!hold)
    throw new UsageError(`Run ${runId} was not held by the safety guard`, {
      code: 'USAGE_NOT_HELD',
      hint: 'See `sis-sync status` for held runs.',
    });
  if (hold.resolvedAt) {
    throw new UsageError(
      `The hold of run ${runId} is already closed: ${hold.resolution}${hold.resolvedBy ? ` by ${hold.resolvedBy}` : ''} at ${hold.resolvedAt}`,
      {
        code: 'USAGE_HOLD_CLOSED',
      },
    );
  }
  return runLocked(ctx, 'approve', { approve: { runId, by: whoRan() } }, options);
}
