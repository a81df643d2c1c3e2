import type { GuardSettings } from '../../config/sections/guard.js';
import { describeDashboard, type Desired } from '../model.js';
import type { Plan } from '../plan.js';
import { personKey } from '../ports.js';
import { percent, type GuardFinding } from './findings.js';

// Limits on what one plan may change: across the run, per school, per large dashboard.

export interface ThresholdInput {
  plan: Plan;
  /** The snapshots the plan was computed against, limited to the data types the source covers. */
  managed: Desired;
  /** School of a member (by personKey), from the current or previous roster; unknown for rows files. */
  schoolOf: (key: string) => string | undefined;
  limits: GuardSettings['guard'];
}

export function checkThresholds({ plan, managed, schoolOf, limits }: ThresholdInput): GuardFinding[] {
  const findings: GuardFinding[] = [];
  const managedTotal = [...managed.values()].reduce((sum, d) => sum + d.members.size, 0);
  const { added, removed } = plan.totals;

  if (limits.maxRemovals > 0 && removed > limits.maxRemovals) {
    findings.push({
      check: 'removals',
      kind: 'threshold',
      scope: 'run',
      message: `${removed} memberships would be removed; the limit is ${limits.maxRemovals} (guard.maxRemovals)`,
    });
  }
  if (
    limits.maxRemovalShare > 0 &&
    managedTotal > 0 &&
    removed >= limits.minRemovalsForShare &&
    removed / managedTotal > limits.maxRemovalShare
  ) {
    findings.push({
      check: 'removal-share',
      kind: 'threshold',
      scope: 'run',
      message: `${removed} of ${managedTotal} managed memberships (${percent(removed / managedTotal)}) would be removed; the limit is ${percent(limits.maxRemovalShare)} (guard.maxRemovalShare)`,
    });
  }
  if (limits.maxAdditions > 0 && added > limits.maxAdditions) {
    findings.push({
      check: 'additions',
      kind: 'threshold',
      scope: 'run',
      message: `${added} memberships would be added; the limit is ${limits.maxAdditions} (guard.maxAdditions)`,
    });
  }
  if (limits.maxAdditionShare > 0 && managedTotal > 0 && added / managedTotal > limits.maxAdditionShare) {
    findings.push({
      check: 'addition-share',
      kind: 'threshold',
      scope: 'run',
      message: `${added} memberships would be added to ${managedTotal} managed (${percent(added / managedTotal)}); the limit is ${percent(limits.maxAdditionShare)} (guard.maxAdditionShare)`,
    });
  }
  findings.push(...schoolFindings(plan, managed, schoolOf, limits));
  findings.push(...dashboardFindings(plan, limits));
  return findings;
}

function schoolFindings(
  plan: Plan,
  managed: Desired,
  schoolOf: ThresholdInput['schoolOf'],
  limits: GuardSettings['guard'],
): GuardFinding[] {
  if (limits.maxSchoolRemovalShare <= 0) return [];
  const managedBySchool = new Map<string, number>();
  for (const dashboard of managed.values()) {
    for (const id of dashboard.members.keys()) increment(managedBySchool, schoolOf(personKey(dashboard.dataType, id)));
  }
  const removedBySchool = new Map<string, number>();
  for (const change of plan.changes) {
    for (const id of change.removed) increment(removedBySchool, schoolOf(personKey(change.dataType, id)));
  }
  const findings: GuardFinding[] = [];
  for (const [school, removed] of [...removedBySchool].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const total = managedBySchool.get(school) ?? 0;
    if (total < limits.minSchoolMemberships || removed < limits.minRemovalsForShare) continue;
    if (removed / total <= limits.maxSchoolRemovalShare) continue;
    findings.push({
      check: 'school-removals',
      kind: 'threshold',
      scope: school,
      message: `${school} would lose ${removed} of its ${total} memberships (${percent(removed / total)}); the limit is ${percent(limits.maxSchoolRemovalShare)} per school (guard.maxSchoolRemovalShare)`,
    });
  }
  return findings;
}

function dashboardFindings(plan: Plan, limits: GuardSettings['guard']): GuardFinding[] {
  if (limits.maxDashboardRemovalShare <= 0) return [];
  return plan.changes
    .filter((c) => c.before >= limits.largeDashboardMembers && c.removed.length / c.before > limits.maxDashboardRemovalShare)
    .map((c) => ({
      check: 'dashboard-removals' as const,
      kind: 'threshold' as const,
      scope: describeDashboard(c),
      message: `${describeDashboard(c)} would lose ${c.removed.length} of its ${c.before} members (${percent(c.removed.length / c.before)}); the limit is ${percent(limits.maxDashboardRemovalShare)} for dashboards of ${limits.largeDashboardMembers} or more (guard.maxDashboardRemovalShare)`,
    }));
}

function increment(counts: Map<string, number>, key: string | undefined): void {
  if (key === undefined) return;
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
