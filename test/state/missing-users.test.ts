import { describe, expect, it } from 'vitest';
import { openState } from '../../src/state/store.js';
import type { DashboardMembers } from '../../src/desired/model.js';
import { tempDir } from '../helpers/temp.js';

function dashboard(name: string, ids: string[]): DashboardMembers {
  return { dataType: 'student', account: '', name, idField: 'student_sis_id', members: new Map(ids.map((id) => [id, false])) };
}

describe('missing users', () => {
  it('tells new from still missing, and records who was found or dropped', () => {
    const store = openState(tempDir());
    const m = store.missingUsers;
    expect(m.recordUpload([dashboard('A', ['1', 'x']), dashboard('B', ['x', 'y'])], new Set(['x', 'y']), 't1')).toEqual({
      newlyMissing: 2,
      stillMissing: 0,
      resolved: 0,
    });
    expect(m.unresolved().map((u) => [u.userId, u.dashboards])).toEqual([
      ['x', ['A', 'B']],
      ['y', ['B']],
    ]);

    // A uploaded again: x still missing there; B not part of this upload keeps its record.
    expect(m.recordUpload([dashboard('A', ['1', 'x'])], new Set(['x']), 't2')).toEqual({ newlyMissing: 0, stillMissing: 1, resolved: 0 });
    expect(m.unresolved().find((u) => u.userId === 'x')).toMatchObject({ dashboards: ['A', 'B'], firstSeenAt: 't1', lastSeenAt: 't2' });

    // B uploaded: x known there now, still missing on A; y no longer on any dashboard (dropped).
    expect(m.recordUpload([dashboard('B', ['x'])], new Set(), 't3')).toEqual({ newlyMissing: 0, stillMissing: 0, resolved: 1 });
    expect(m.unresolved().map((u) => [u.userId, u.dashboards])).toEqual([['x', ['A']]]);
    expect(m.resolvedSince('t3').map((u) => [u.userId, u.resolution])).toEqual([['y', 'dropped']]);

    // A uploaded: x known everywhere now (found).
    expect(m.recordUpload([dashboard('A', ['1', 'x'])], new Set(), 't4').resolved).toBe(1);
    expect(m.resolvedSince('t4').map((u) => [u.userId, u.resolution])).toEqual([['x', 'found']]);
    expect(m.unresolved()).toEqual([]);

    // Missing again later: new again, first seen anew.
    expect(m.recordUpload([dashboard('A', ['x'])], new Set(['x']), 't5').newlyMissing).toBe(1);
    expect(m.unresolved()[0]).toMatchObject({ userId: 'x', firstSeenAt: 't5', resolvedAt: null, reportedAt: null });
    store.close();
  });

  it('lists dashboards due for a retry of their missing members', () => {
    const store = openState(tempDir());
    store.missingUsers.recordUpload([dashboard('A', ['x'])], new Set(['x']), '2026-01-01T00:00:00.000Z');
    expect(store.missingUsers.dueForRetry('2025-12-31T00:00:00.000Z').size).toBe(0);
    expect([...store.missingUsers.dueForRetry('2026-01-02T00:00:00.000Z')]).toEqual(['student\u001f\u001fA']);
    store.close();
  });
});
