import type { PlanTotals } from '../../src/sync/plan.js';
import { newRunReport, type RunReport } from '../../src/sync/run.js';

// Run reports for the notifier and the terminal formatters, without running a sync: a run
// that planned nothing and did nothing, and the overrides say what happened instead.

export const NO_CHANGES: PlanTotals = {
  dashboards: 0,
  toUpload: 0,
  added: 0,
  removed: 0,
  allyChanged: 0,
  byAction: { create: 0, update: 0, empty: 0, 'retry-missing': 0, reconcile: 0, unchanged: 0 },
};

export function quietRunReport(overrides: Partial<RunReport> = {}): RunReport {
  return { ...newRunReport(1, 'test'), plan: { changes: [], totals: NO_CHANGES }, ...overrides };
}
