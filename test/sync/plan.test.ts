import { describe, expect, it } from 'vitest';
import type { IdField } from '../../src/desired/data-types.js';
import { dashboardKeyString, type DashboardMembers } from '../../src/desired/model.js';
import { computePlan } from '../../src/sync/plan.js';

function dashboard(
  name: string,
  members: Record<string, boolean> | string[],
  dataType: 'student' | 'viewer' = 'student',
  idField?: IdField,
): DashboardMembers {
  const entries = Array.isArray(members) ? members.map((id) => [id, false] as const) : Object.entries(members);
  return {
    dataType,
    account: '',
    name,
    idField: idField ?? (dataType === 'student' ? 'student_sis_id' : 'viewer_sis_id'),
    members: new Map(entries),
  };
}

function map(...dashboards: DashboardMembers[]) {
  return new Map(dashboards.map((d) => [dashboardKeyString(d), d]));
}

describe('computePlan', () => {
  it('creates what is new, updates what changed, leaves the rest', () => {
    const plan = computePlan(
      map(dashboard('A', ['1', '2']), dashboard('B', ['3']), dashboard('C', ['5'])),
      map(dashboard('B', ['3', '4']), dashboard('C', ['5'])),
    );
    expect(plan.changes.map((c) => [c.name, c.action, c.added, c.removed])).toEqual([
      ['A', 'create', ['1', '2'], []],
      ['B', 'update', [], ['4']],
      ['C', 'unchanged', [], []],
    ]);
    expect(plan.totals).toMatchObject({ toUpload: 2, added: 2, removed: 1 });
  });

  it('empties a managed dashboard that is absent or has no members left', () => {
    const plan = computePlan(map(dashboard('Kept', [])), map(dashboard('Kept', ['1']), dashboard('Gone', ['2', '3'])));
    expect(plan.changes.map((c) => [c.name, c.action, c.removed, c.target.members.size])).toEqual([
      ['Gone', 'empty', ['2', '3'], 0],
      ['Kept', 'empty', ['1'], 0],
    ]);
  });

  it('does not create a new dashboard without members, nor empty one twice', () => {
    const plan = computePlan(map(dashboard('New', [])), map(dashboard('AlreadyEmpty', [])));
    expect(plan.changes).toEqual([]);
  });

  it('counts a flipped viewer_is_ally as a change', () => {
    const plan = computePlan(
      map(dashboard('A', { t1: true, t2: false }, 'viewer')),
      map(dashboard('A', { t1: false, t2: false }, 'viewer')),
    );
    expect(plan.changes[0]).toMatchObject({ action: 'update', added: [], removed: [], allyChanged: ['t1'] });
  });

  it('treats every member as new when the id column changes', () => {
    const plan = computePlan(map(dashboard('A', ['1'], 'student', 'student_id')), map(dashboard('A', ['1'], 'student', 'student_sis_id')));
    expect(plan.changes[0]).toMatchObject({ action: 'update', added: ['1'], removed: ['1'] });
  });

  it('leaves dashboards of data types the source does not speak for', () => {
    const plan = computePlan(map(dashboard('A', ['1'])), map(dashboard('A', ['1']), dashboard('A', { t1: false }, 'viewer')), {
      dataTypes: ['student'],
    });
    expect(plan.changes.map((c) => `${c.dataType}:${c.action}`)).toEqual(['student:unchanged']);
  });

  it('marks unchanged dashboards with missing members due for a retry', () => {
    const a = dashboard('A', ['1']);
    const plan = computePlan(map(a), map(a), { retryMissing: new Set([dashboardKeyString(a)]) });
    expect(plan.changes[0]?.action).toBe('retry-missing');
  });

  it('gives the same plan whatever the input order', () => {
    const desired = [dashboard('b', ['2', '1']), dashboard('a', ['3']), dashboard('c', { x: true }, 'viewer')];
    const one = computePlan(map(...desired), map());
    const two = computePlan(map(...[...desired].reverse()), map());
    expect(JSON.stringify(two.changes.map(({ target: _t, ...c }) => c))).toBe(JSON.stringify(one.changes.map(({ target: _t, ...c }) => c)));
    expect(one.changes.map((c) => c.name)).toEqual(['a', 'b', 'c']);
  });
});
