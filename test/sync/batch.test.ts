import { describe, expect, it } from 'vitest';
import { batchRows, packBatches } from '../../src/sync/batch.js';
import { dashboardKeyString, type DashboardMembers } from '../../src/desired/model.js';
import { computePlan } from '../../src/sync/plan.js';

function students(name: string, count: number, account = ''): DashboardMembers {
  return {
    dataType: 'student',
    account,
    name,
    idField: 'student_sis_id',
    members: new Map(Array.from({ length: count }, (_, i) => [`${name}-${i}`, false])),
  };
}

function planOf(...dashboards: DashboardMembers[]) {
  return computePlan(new Map(dashboards.map((d) => [dashboardKeyString(d), d])), new Map()).changes;
}

describe('packBatches', () => {
  it('fills uploads up to the row limit, never splitting a dashboard', () => {
    const batches = packBatches(planOf(students('a', 4), students('b', 4), students('c', 3), students('d', 9)), {
      maxRowsPerUpload: 8,
      maxDashboardsPerUpload: 100,
    });
    expect(batches.map((b) => [b.dashboards.map((d) => d.name), b.rowCount])).toEqual([
      [['a', 'b'], 8],
      [['c'], 3],
      [['d'], 9], // larger than the limit: alone, whole
    ]);
  });

  it('honours the dashboard limit; 1 gives one upload per dashboard', () => {
    const batches = packBatches(planOf(students('a', 1), students('b', 1), students('c', 1)), {
      maxRowsPerUpload: 100,
      maxDashboardsPerUpload: 1,
    });
    expect(batches.map((b) => b.dashboards.map((d) => d.name))).toEqual([['a'], ['b'], ['c']]);
  });

  it('keeps accounts and data types in separate uploads', () => {
    const viewer: DashboardMembers = {
      dataType: 'viewer',
      account: '',
      name: 'a',
      idField: 'viewer_sis_id',
      members: new Map([['t', true]]),
    };
    const batches = packBatches(planOf(students('a', 1), students('a', 1, 'north'), viewer), {
      maxRowsPerUpload: 100,
      maxDashboardsPerUpload: 100,
    });
    expect(batches.map((b) => `${b.dataType}/${b.account}`)).toEqual(['student/', 'student/north', 'viewer/']);
  });
});

describe('batchRows', () => {
  it('sorts rows and sends one placeholder row for an empty dashboard', () => {
    const empty: DashboardMembers = { dataType: 'viewer', account: '', name: 'gone', idField: 'viewer_sis_id', members: new Map() };
    const kept: DashboardMembers = {
      dataType: 'viewer',
      account: '',
      name: 'kept',
      idField: 'viewer_sis_id',
      members: new Map([
        ['z', false],
        ['a', true],
      ]),
    };
    expect(batchRows({ dataType: 'viewer', idField: 'viewer_sis_id', dashboards: [empty, kept] }, 'NOBODY')).toEqual([
      { dashboard_name: 'gone', viewer_sis_id: 'NOBODY', viewer_is_ally: false },
      { dashboard_name: 'kept', viewer_sis_id: 'a', viewer_is_ally: true },
      { dashboard_name: 'kept', viewer_sis_id: 'z', viewer_is_ally: false },
    ]);
  });
});
