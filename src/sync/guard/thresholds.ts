import type { DataType } from '../../desired/data-types.js';
import type { GuardLimits } from './limits.js';
import { describeDashboard, type Desired } from '../../desired/model.js';
import type { Plan } from '../plan.js';
import { personKey } from '../../desired/ports.js';
import { percent, type GuardCheck, type GuardFinding } from '../../desired/guard-findings.js';

// Limits on what one plan may change: per data type, per school, per large dashboard.

export interface ThresholdInput {
  plan: Plan;
  /** The snapshots the plan was computed against, limited to the data types the source covers. */
  managed: Desired;
  /** School of a member (by personKey), from the current or previous roster; unknown for rows files. */
  schoolOf: (key: string) => string | undefined;
  limits: GuardLimits;
}

export function checkThresholds({ plan, managed, schoolOf, limits }: ThresholdInput): GuardFinding[] {
  const findings: GuardFinding[] = [];
  for (const tally of tallyByDataType(plan, managed)) findings.push(...dataTypeFindings(tally, limits));
  findings.push(...schoolFindings(plan, managed, schoolOf, limits));
  findings.push(...dashboardFindings(plan, limits));
  return findings;
}

interface DataTypeTally {
  dataType: DataType;
  managed: number;
  added: number;
  removed: number;
}

/**
 * Each data type is judged on its own: viewers are a small share of a district's memberships,
 * so counted together with students a broken viewers export would hide under the run's share.
 */
function tallyByDataType(plan: Plan, managed: Desired): DataTypeTally[] {
  const tallies = new Map<DataType, DataTypeTally>();
  const tallyOf = (dataType: DataType) => {
    let tally = tallies.get(dataType);
    if (!tally) tallies.set(dataType, (tally = { dataType, managed: 0, added: 0, removed: 0 }));
    return tally;
  };
  for (const dashboard of managed.values()) tallyOf(dashboard.dataType).managed += dashboard.members.size;
  for (const change of plan.changes) {
    const tally = tallyOf(change.dataType);
    tally.added += change.added.length;
    tally.removed += change.removed.length;
  }
  return [...tallies.values()].sort((a, b) => (a.dataType < b.dataType ? -1 : 1));
}

function dataTypeFindings({ dataType, managed, added, removed }: DataTypeTally, limits: GuardLimits): GuardFinding[] {
  const findings: GuardFinding[] = [];
  const finding = (check: GuardCheck, message: string) => findings.push({ check, kind: 'threshold', scope: dataType, message });
  if (limits.maxRemovals > 0 && removed > limits.maxRemovals) {
    finding(
      'removals',
      `${removed} ${dataType} memberships would be removed; the limit is ${limits.maxRemovals} per data type (guard.maxRemovals)`,
    );
  }
  // Whatever the dashboards' sizes: nine small dashboards losing their only viewers is a
  // data type losing most of its memberships. minRemovalsForShare spares a tiny district.
  if (limits.maxRemovalShare > 0 && managed > 0 && removed >= limits.minRemovalsForShare && removed / managed > limits.maxRemovalShare) {
    finding(
      'removal-share',
      `${removed} of ${managed} managed ${dataType} memberships (${percent(removed / managed)}) would be removed; the limit is ${percent(limits.maxRemovalShare)} per data type (guard.maxRemovalShare)`,
    );
  }
  if (limits.maxAdditions > 0 && added > limits.maxAdditions) {
    finding(
      'additions',
      `${added} ${dataType} memberships would be added; the limit is ${limits.maxAdditions} per data type (guard.maxAdditions)`,
    );
  }
  if (limits.maxAdditionShare > 0 && managed > 0 && added / managed > limits.maxAdditionShare) {
    finding(
      'addition-share',
      `${added} ${dataType} memberships would be added to ${managed} managed (${percent(added / managed)}); the limit is ${percent(limits.maxAdditionShare)} per data type (guard.maxAdditionShare)`,
    );
  }
  return findings;
}

function schoolFindings(plan: Plan, managed: Desired, schoolOf: ThresholdInput['schoolOf'], limits: GuardLimits): GuardFinding[] {
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

function dashboardFindings(plan: Plan, limits: GuardLimits): GuardFinding[] {
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
