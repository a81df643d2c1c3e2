import { describe, expect, it } from 'vitest';
import { mapWith } from '../helpers/mapping.js';
import { aRoster, aSection, aStaff, aStudent } from '../helpers/roster-builders.js';

// A coach who also teaches: ally on the team dashboard by one rule, not ally by another.

const roster = aRoster({
  students: [aStudent({ key: '1', fields: { team: 'Football' } }), aStudent({ key: '2', fields: { team: 'Football' } })],
  staff: [aStaff({ key: 'k', firstName: 'Cory', lastName: "O'Coach", sisId: 'K1' })],
  sections: [aSection({ key: 's', teacherKeys: ['k'], studentKeys: ['1'] })],
});
const athletics = {
  name: 'Athletics',
  kind: 'student-field',
  field: 'team',
  nameTemplate: '{value}',
  viewers: [{ table: { Football: ['K1'] }, ally: true }],
};
const teachers = { name: 'Teachers', kind: 'teacher', nameTemplate: 'Football {teacher.sisId}' };
const listed = {
  name: 'Listed',
  kind: 'static',
  nameTemplate: 'Football',
  students: { fields: { team: 'Football' } },
  viewers: [{ sisIds: ['K1'] }, { sisIds: ['K1'] }],
};

describe('a viewer both ally and not ally on one dashboard', () => {
  it('is kept as not ally, and said once, naming the viewer and both rules', async () => {
    const { result } = await mapWith({ rules: [athletics, listed] }, roster);
    expect([...(result.desired.get(['viewer', '', 'Football'].join('\u001f'))?.members ?? [])]).toEqual([['K1', false]]);
    const conflicts = result.warnings.filter((w) => w.includes('kept as not ally'));
    expect(conflicts).toEqual([
      `Viewer Cory O'Coach (K1) on dashboard "Football" is ally by rule "Athletics" (listed for "Football" in viewers[0].table) and not ally by rule "Listed" (listed in viewers[0].sisIds); kept as not ally`,
    ]);
    expect(result.stats.allyConflicts).toBe(1);
    const [explained] = result.provenance?.explain('Football') ?? [];
    expect(explained?.members.find((m) => m.id === 'K1')).toEqual({
      dataType: 'viewer',
      id: 'K1',
      ally: false,
      reasons: [
        { origin: 'rule "Athletics"', because: 'listed for "Football" in viewers[0].table', ally: true },
        { origin: 'rule "Listed"', because: 'listed in viewers[0].sisIds', ally: false },
        { origin: 'rule "Listed"', because: 'listed in viewers[1].sisIds', ally: false },
      ],
    });
    expect(explained?.notes).toContain(conflicts[0]);
  });

  it('is no conflict on two different dashboards', async () => {
    const { result } = await mapWith({ rules: [athletics, teachers] }, roster);
    expect(result.warnings).toEqual([]);
    expect(result.stats.allyConflicts).toBe(0);
  });
});
