import { describe, expect, it } from 'vitest';
import type { GuardLimits } from '../../../src/sync/guard/limits.js';
import { guardLimits } from '../../helpers/guard.js';
import { checkThresholds } from '../../../src/sync/guard/thresholds.js';
import { dashboardKeyString, type DashboardMembers } from '../../../src/desired/model.js';
import { computePlan } from '../../../src/sync/plan.js';

const LIMITS = guardLimits();

function ids(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
}

function dash(name: string, members: string[]): DashboardMembers {
  return { dataType: 'student', account: '', name, idField: 'student_sis_id', members: new Map(members.map((id) => [id, false])) };
}

function viewers(name: string, members: string[]): DashboardMembers {
  return { dataType: 'viewer', account: '', name, idField: 'viewer_sis_id', members: new Map(members.map((id) => [id, false])) };
}

function map(...dashboards: DashboardMembers[]) {
  return new Map(dashboards.map((d) => [dashboardKeyString(d), d]));
}

/** Findings when `before` dashboards become `after`, with members' schools by id prefix. */
function findings(before: DashboardMembers[], after: DashboardMembers[], limits: Partial<GuardLimits> = {}) {
  return findingsOf(before, after, limits).map((f) => f.check);
}

function findingsOf(before: DashboardMembers[], after: DashboardMembers[], limits: Partial<GuardLimits> = {}) {
  const managed = map(...before);
  const plan = computePlan(map(...after), managed);
  const schoolOf = (key: string) => ({ a: 'Adams', b: 'Baker' })[key.split(':')[1]!.charAt(0)];
  return checkThresholds({ plan, managed, schoolOf, limits: { ...LIMITS, ...limits } });
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

  it('judges each data type on its own: viewers stripped from small dashboards hold, however many students', () => {
    // 10 dashboards of 100 students and 3 viewers: the viewers are 3% of all memberships.
    const students = Array.from({ length: 10 }, (_, i) => dash(`D${i}`, ids(`b${i}-`, 100)));
    const before = [...students, ...students.map((d) => viewers(d.name, ids(`v${d.name}-`, 3)))];
    // A viewers file cut to one row: 29 of 30 viewers (3% of the run) removed, no dashboard large.
    const after = [...students, viewers('D0', ['vD0-0'])];
    const found = findingsOf(before, after);
    expect(found.map((f) => [f.check, f.scope])).toEqual([['removal-share', 'viewer']]);
    expect(found[0]?.message).toBe(
      '29 of 30 managed viewer memberships (96.7%) would be removed; the limit is 10% per data type (guard.maxRemovalShare)',
    );
  });

  it('spares a tiny data type: fewer removals than minRemovalsForShare do not hold', () => {
    const before = [dash('D', ids('b', 100)), viewers('D', ids('v', 9))];
    expect(findings(before, [dash('D', ids('b', 100)), viewers('D', ['v0'])])).toEqual([]);
  });

  it('counts removals and additions per data type, naming the type', () => {
    const before = [dash('D', ids('b', 1000)), viewers('D', ids('v', 1000))];
    const after = [dash('D', ids('b', 1000).slice(300)), viewers('D', ids('v', 1000).slice(300))];
    const limits = { maxRemovalShare: 0, maxSchoolRemovalShare: 0, maxDashboardRemovalShare: 0, maxRemovals: 500 };
    // 600 in all, 300 per type: within the limit for each.
    expect(findings(before, after, limits)).toEqual([]);
    const found = findingsOf(before, [dash('D', []), viewers('D', ids('v', 1000))], limits);
    expect(found.map((f) => f.scope)).toEqual(['student']);
    expect(found[0]?.message).toBe('1000 student memberships would be removed; the limit is 500 per data type (guard.maxRemovals)');
  });
});
