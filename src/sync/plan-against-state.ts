import type { StateStore } from '../state/store.js';
import { computePlan, type Plan } from './plan.js';
import type { SourceResult } from './ports.js';

export interface PlanScope {
  /** Plan only these dashboards (dashboardKeyString). */
  scope?: ReadonlySet<string>;
  /** Upload these even when unchanged. */
  forceUpload?: ReadonlySet<string>;
}

/** The plan for what a source gave, against the state store (none yet: a first sync). */
export function planAgainstState(
  loaded: SourceResult,
  store: StateStore | undefined,
  now: number,
  retryMissingAfterMs: number,
  scope: PlanScope = {},
): Plan {
  const options = {
    dataTypes: loaded.dataTypes,
    ...(scope.scope ? { scope: scope.scope } : {}),
    ...(scope.forceUpload ? { forceUpload: scope.forceUpload } : {}),
  };
  if (!store) return computePlan(loaded.desired, new Map(), options);
  const retryBefore = new Date(now - retryMissingAfterMs).toISOString();
  return computePlan(loaded.desired, store.snapshots.all(), { ...options, retryMissing: store.missingUsers.dueForRetry(retryBefore) });
}
