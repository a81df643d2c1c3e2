import { describe, expect, it } from 'vitest';
import type { GuardSettings } from '../../../src/config/sections/guard.js';
import { guardLimits } from '../../helpers/guard.js';
import { checkThresholds } from '../../../src/sync/guard/thresholds.js';
import { dashboardKeyString, type DashboardMembers } from '../../../src/sync/model.js';
import { computePlan } from '../../../src/sync/plan.js';

const LIMITS = guardLimits();

function ids(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
}

function dash(name: string, members: string[]): DashboardMembers {
  return { dataType: 'student', account: '', name, idField: 'student_sis_id', members: new Map(members.map((id) => [id, false])) };
}

function map(...dashboards: DashboardMembers[]) {
  return new Map(dashboards.map((d) => [dashboardKeyString(d), d]));
}

/** Findings when `before` dashboards become `after`, with members' schools by id prefix. */
function findings(before: DashboardMembers[], after: DashboardMembers[], limits: Partial<GuardSettings['guard']> = {}) {
  const managed = map(...before);
  const plan = computePlan(map(...after), managed);
  const schoolOf = (key: string) => ({ a: 'Adams', b: 'Baker' })[key.split(':')[1]!.charAt(0)];
  return checkThresholds({ plan, managed, schoolOf, limits: { ...LIMITS, ...limits } }).map((f) => f.check);
}

// 10 dashboards of 10 small-school "b" members and one of "a": 110 memberships in all.
const district = [...Array.from({ length: 10 }, (_, i) => dash(`B${i}`, ids(`b${i}-`, 10))), dash('A', ids('a', 10))];

describe('guard thresholds', () => {
  it('passes ordinary change', () => {
    const after = district.map((d, i) => (i === 0 ? dash(d.name, [...d.members.keys()].slice(1)) : d));
    expect(findings(district, after)).toEqual([]);
  });

  it('holds at the run share limit: 11 of 110 (10.0%) passes, 12 (10.9%) trips', () => {
    const remove = (count: number) =>
      district.map((d, i) => (i < 4 ? dash(d.name, [...d.members.keys()].slice(i < 3 ? 3 : count - 9)) : d));
    expect(findings(district, remove(11), { maxSchoolRemovalShare: 0 })).toEqual([]);
    expect(findings(district, remove(12), { maxSchoolRemovalShare: 0 })).toEqual(['removal-share']);
  });

  it('does not apply the share limit below minRemovalsForShare', () => {
    const small = [dash('S', ids('b', 10))];
    expect(findings(small, [dash('S', ids('b', 5))])).toEqual([]);
    expect(findings(small, [dash('S', ids('b', 5))], { minRemovalsForShare: 5 })).toEqual(['removal-share']);
  });

  it('holds above the removal count: at the limit passes, one more trips', () => {
    const big = [dash('Big', ids('b', 1000))];
    const limits = { maxRemovalShare: 0, maxSchoolRemovalShare: 0, maxDashboardRemovalShare: 0, maxRemovals: 500 };
    expect(findings(big, [dash('Big', ids('b', 1000).slice(500))], limits)).toEqual([]);
    expect(findings(big, [dash('Big', ids('b', 1000).slice(501))], limits)).toEqual(['removals']);
  });

  it('holds when one school loses most of its memberships while the district total looks fine', () => {
    const withBigA = [
      ...Array.from({ length: 30 }, (_, i) => dash(`B${i}`, ids(`b${i}-`, 10))),
      dash('A1', ids('a1-', 12)),
      dash('A2', ids('a2-', 12)),
    ];
    // School Adams loses 14 of 24 (58%): the district loses 14 of 324 (4%).
    const after = withBigA.map((d) => (d.name === 'A1' ? dash('A1', []) : d.name === 'A2' ? dash('A2', ids('a2-', 10)) : d));
    expect(findings(withBigA, after, { maxDashboardRemovalShare: 0 })).toEqual(['school-removals']);
  });

  it('holds when a large dashboard loses more than half, not a small one', () => {
    expect(findings([dash('L', ids('b', 20))], [dash('L', ids('b', 9))], { maxRemovalShare: 0, maxSchoolRemovalShare: 0 })).toEqual([
      'dashboard-removals',
    ]);
    expect(findings([dash('L', ids('b', 20))], [dash('L', ids('b', 10))], { maxRemovalShare: 0, maxSchoolRemovalShare: 0 })).toEqual([]);
    expect(findings([dash('S', ids('b', 19))], [dash('S', [])], { maxRemovalShare: 0, maxSchoolRemovalShare: 0 })).toEqual([]);
  });

  it('limits additions only when asked to', () => {
    const before = [dash('A', ids('b', 100))];
    const after = [dash('A', ids('b', 100)), dash('New', ids('c', 60))];
    expect(findings(before, after)).toEqual([]);
    expect(findings(before, after, { maxAdditions: 50 })).toEqual(['additions']);
    expect(findings(before, after, { maxAdditionShare: 0.5 })).toEqual(['addition-share']);
  });
});
