import type { StateStore } from '../state/store.js';
import { computePlan, type Plan } from './plan.js';
import type { SourceResult } from './ports.js';

/** The plan for what a source gave, against the state store (none yet: a first sync). */
export function planAgainstState(loaded: SourceResult, store: StateStore | undefined, now: number, retryMissingAfterMs: number): Plan {
  if (!store) return computePlan(loaded.desired, new Map(), { dataTypes: loaded.dataTypes });
  const retryBefore = new Date(now - retryMissingAfterMs).toISOString();
  return computePlan(loaded.desired, store.snapshots.all(), {
    dataTypes: loaded.dataTypes,
    retryMissing: store.missingUsers.dueForRetry(retryBefore),
  });
}
