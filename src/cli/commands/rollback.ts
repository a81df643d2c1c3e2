import { UsageError } from '../../errors.js';
import { openStateReadOnly } from '../../state/store.js';
import { runLocked } from '../../app/run-locked.js';
import { RollbackSource } from '../../app/rollback-source.js';
import { whoRan } from '../../util/who.js';
import type { CommandContext } from '../context.js';
import { printRunReport } from '../run-report.js';

/**
 * `sis-sync rollback <run>`: uploads the dashboards a run changed as they were before it,
 * through the safety guard. The next regular run plans from the source again: if the source
 * still gives what was rolled back, that run will show (and, if large, hold) the same change.
 */
export async function rollbackCommand(
  ctx: CommandContext,
  runArg: string,
  options: { json?: boolean; allowDeletes?: boolean },
): Promise<number> {
  const runId = Number(runArg);
  if (!Number.isInteger(runId) || runId < 1)
    throw new UsageError(`"${runArg}" is not a run number`, { code: 'USAGE_RUN', hint: 'See `sis-sync history`.' });
  const store = openStateReadOnly(ctx.settings.state.dir);
  const changeSet = store?.history.changeSet(runId);
  const later = changeSet ? store!.history.laterChanges(runId, changeSet.before) : [];
  store?.close();
  if (!changeSet) {
    throw new UsageError(`Run ${runId} changed no dashboards, or its history is older than history.keepRuns allows`, {
      code: 'USAGE_NO_HISTORY',
      hint: 'See `sis-sync history`.',
    });
  }
  if (later.length > 0) {
    ctx.out(
      `Note: later run${later.length > 1 ? 's' : ''} ${later.join(', ')} changed some of the same dashboards; rolling back undoes those changes to them too.`,
    );
  }
  const source = new RollbackSource(changeSet);
  return runLocked(
    ctx,
    'rollback',
    { scope: source.scope, ...(options.allowDeletes ? { allowDeletesBy: whoRan() } : {}) },
    printRunReport(ctx, options),
    source,
  );
}
