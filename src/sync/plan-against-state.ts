import type { StateStore } from '../state/store.js';
import type { Desired } from '../desired/model.js';
import { computePlan, type Plan } from './plan.js';
import type { SourceResult } from '../desired/ports.js';

export interface PlanScope {
  /** Plan only these dashboards (dashboardKeyString). */
  scope?: ReadonlySet<string>;
  /** Upload these even when unchanged. */
  forceUpload?: ReadonlySet<string>;
}

/**
 * The plan for what a source gave, against the state store (none yet: a first sync). A caller
 * that needs the snapshots again (the guard) loads them once and passes them in: at district
 * scale, parsing them takes a noticeable part of a second.
 */
export function planAgainstState(
  loaded: SourceResult,
  store: StateStore | undefined,
  now: number,
  retryMissingAfterMs: number,
  scope: PlanScope = {},
  snapshots: Desired | undefined = store?.snapshots.all(loaded.desired),
): Plan {
  const options = {
    dataTypes: loaded.dataTypes,
    ...(scope.scope ? { scope: scope.scope } : {}),
    ...(scope.forceUpload ? { forceUpload: scope.forceUpload } : {}),
  };
  if (!store) return computePlan(loaded.desired, new Map(), options);
  const retryBefore = new Date(now - retryMissingAfterMs).toISOString();
  return computePlan(loaded.desired, snapshots ?? new Map(), { ...options, retryMissing: store.missingUsers.dueForRetry(retryBefore) });
}
