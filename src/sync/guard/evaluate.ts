import type { GuardLimits } from './limits.js';
import type { StateStore } from '../../state/store.js';
import type { Desired } from '../../desired/model.js';
import type { Plan } from '../plan.js';
import type { SourceResult } from '../../desired/ports.js';
import type { GuardFinding } from '../../desired/guard-findings.js';
import { checkSourceSanity } from './source-sanity.js';
import { checkThresholds } from './thresholds.js';

/**
 * Everything the guard finds wrong with a plan and the read it came from. Pure apart from reading
 * state; `snapshots` are those the plan was computed against, when the caller has them loaded.
 */
export function evaluateGuard(
  plan: Plan,
  loaded: SourceResult,
  store: StateStore,
  limits: GuardLimits,
  snapshots: Desired = store.snapshots.all(loaded.desired),
): GuardFinding[] {
  const managed: Desired = new Map([...snapshots].filter(([, d]) => loaded.dataTypes.includes(d.dataType)));
  const previousPeople = store.people.all();
  const schoolOf = (key: string) => loaded.people?.get(key)?.school ?? previousPeople.get(key)?.school;
  const sanity = loaded.census ? checkSourceSanity(loaded.census, store.people.lastCensus(), limits) : [];
  return [...sanity, ...checkThresholds({ plan, managed, schoolOf, limits })];
}
