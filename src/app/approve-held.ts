import { UsageError } from '../errors.js';
import type { DecisionVia, HoldRecord } from '../state/holds.js';
import type { StateStore } from '../state/store.js';
import type { RunControls } from '../sync/run.js';

// Approving a held run, as `sis-sync approve N` and the approval page both do it: check that the
// hold is open and approvable, then run one cycle with these controls. The run applies the plan
// only if the source still gives the plan that was held; otherwise it holds the new one.

export const APPROVE_TRIGGER = 'approve';

/** The open hold of `runId`; a UsageError that says why when there is none to approve. */
export function approvableHold(store: StateStore | undefined, runId: number): HoldRecord {
  const hold = store?.holds.get(runId);
  if (!hold)
    throw new UsageError(`Run ${runId} was not held by the safety guard`, {
      code: 'USAGE_NOT_HELD',
      hint: 'See `sis-sync status` for held runs.',
    });
  if (hold.resolvedAt) {
    throw new UsageError(
      `The hold of run ${runId} is already closed: ${hold.resolution}${hold.resolvedBy ? ` by ${hold.resolvedBy}` : ''} at ${hold.resolvedAt}`,
      { code: 'USAGE_HOLD_CLOSED' },
    );
  }
  if (store?.runs.get(runId)?.trigger === 'rollback') {
    throw new UsageError(`Run ${runId} was a rollback; apply it with \`sis-sync rollback <run> --allow-deletes\``, {
      code: 'USAGE_HOLD_ROLLBACK',
    });
  }
  return hold;
}

export function approvalControls(runId: number, by: string, via: DecisionVia): RunControls {
  return { approve: { runId, by, via } };
}
