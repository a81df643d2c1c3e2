import type { DashboardChange, Plan } from '../sync/plan.js';
import type { RunReport } from '../sync/run.js';

// The `--json` shapes of a plan and a run report: everything but the full member lists.

export function changeToJson(change: DashboardChange) {
  const { target: _target, ...rest } = change;
  return rest;
}

export function planToJson(plan: Plan) {
  return { totals: plan.totals, changes: plan.changes.map(changeToJson) };
}

export function reportToJson(report: RunReport) {
  const { people: _people, ...rest } = report;
  return { ...rest, plan: report.plan ? planToJson(report.plan) : null };
}
