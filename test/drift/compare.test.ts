import { describe, expect, it } from 'vitest';
import { compareDrift } from '../../src/drift/compare.js';
import { dashboardKeyString, type DashboardMembers } from '../../src/desired/model.js';

function snap(name: string, members: Record<string, boolean>, dataType: 'student' | 'viewer' = 'student'): DashboardMembers {
  return {
    dataType,
    account: '',
    name,
    idField: dataType === 'student' ? 'student_sis_id' : 'viewer_sis_id',
    members: new Map(Object.entries(members)),
  };
}
const managed = (...d: DashboardMembers[]) => new Map(d.map((x) => [dashboardKeyString(x), x]));
const none = { placeholderId: 'NOBODY', missing: new Map<string, Set<string>>() };

describe('compareDrift', () => {
  it('finds members added and removed in the web application, and ally flags changed', () => {
    const result = compareDrift(
      managed(snap('A', { s1: false, s2: false }), snap('A', { t1: true, t2: false }, 'viewer')),
      [
        {
          account: '',
          name: 'A',
          members: {
            student: [
              { id: '1', sis_id: 's1' },
              { id: '3', sis_id: 's3' },
              { id: '9', sis_id: null },
            ],
            viewer: [
              { id: '5', sis_id: 't1', is_ally: false },
              { id: '6', sis_id: 't2', is_ally: false },
            ],
          },
        },
      ],
      none,
    );
    expect(result.entries).toEqual([
      {
        dataType: 'student',
        account: '',
        name: 'A',
        state: 'drifted',
        addedInWeb: ['AspirEDU id 9', 's3'],
        removedInWeb: ['s2'],
        allyChangedInWeb: [],
      },
      { dataType: 'viewer', account: '', name: 'A', state: 'drifted', addedInWeb: [], removedInWeb: [], allyChangedInWeb: ['t1'] },
    ]);
  });

  it('does not call missing users or the placeholder drift', () => {
    const result = compareDrift(
      managed(snap('A', { s1: false, ghost: false }), snap('Emptied', {})),
      [
        { account: '', name: 'A', members: { student: [{ id: '1', sis_id: 's1' }] } },
        { account: '', name: 'Emptied', members: { student: [] } },
      ],
      { placeholderId: 'NOBODY', missing: new Map([['student\u001f\u001fstudent_sis_id', new Set(['ghost'])]]) },
    );
    expect(result.entries.map((e) => e.state)).toEqual(['in-sync', 'in-sync']);
  });

  it('names dashboards AspirEDU no longer has, and ones it has that are not managed', () => {
    const result = compareDrift(managed(snap('Gone', { s1: false })), [{ account: '', name: 'Made by hand', members: {} }], none);
    expect(result.entries.map((e) => [e.name, e.state])).toEqual([['Gone', 'missing-in-aspiredu']]);
    expect(result.unmanaged).toEqual([{ account: '', name: 'Made by hand' }]);
  });
});
