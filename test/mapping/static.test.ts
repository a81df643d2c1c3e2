import { describe, expect, it } from 'vitest';
import { generateDistrict } from '../helpers/district.js';
import { mapWith, membersOf, namesOf } from '../helpers/mapping.js';
import { aRoster, aSchool, aStaff, aStudent } from '../helpers/roster-builders.js';

const ell = {
  name: 'ELL programme',
  kind: 'static',
  nameTemplate: 'ELL Programme',
  students: { fields: { ell: 'Y' } },
  viewers: [{ sisIds: ['ELL-1'] }, { sisIds: ['AIDE-1'], ally: true }],
};

describe('static rules', () => {
  it('puts every active student matching the filter on one named dashboard, with the listed viewers', async () => {
    const { roster } = generateDistrict({ seed: 2 });
    const { result } = await mapWith({ rules: [ell] }, roster);
    const expected = roster.students
      .filter((s) => s.fields.ell === 'Y' && s.enrollStatus === 'active' && s.sisId)
      .map((s) => s.sisId as string);
    expect(expected.length).toBeGreaterThan(20);
    expect(membersOf(result, 'student', 'ELL Programme')).toEqual(expected.sort());
    expect([...(result.desired.get(['viewer', '', 'ELL Programme'].join('\u001f'))?.members ?? [])]).toEqual([
      ['AIDE-1', true],
      ['ELL-1', false],
    ]);
  });

  it('filters on schools, grades, enrolment status and several field values together', async () => {
    const roster = aRoster({
      schools: [aSchool('100'), aSchool('200', 'Roosevelt Middle School', 'RMS')],
      students: [
        aStudent({ key: '1', grade: 9, fields: { ell: 'Y' } }),
        aStudent({ key: '2', grade: 10, fields: { ell: 'yes' } }),
        aStudent({ key: '3', grade: 11, fields: { ell: 'Y' } }),
        aStudent({ key: '4', grade: 9, schoolId: '200', fields: { ell: 'Y' } }),
        aStudent({ key: '5', grade: 9, enrollStatus: 'pre-registered', fields: { ell: ' Y ' } }),
        aStudent({ key: '6', grade: 9, fields: {} }),
      ],
    });
    const students = { schools: [100], grades: [9, 10], enrollStatus: ['active', 'pre-registered'], fields: { ell: ['Y', 'yes'] } };
    const { result } = await mapWith({ rules: [{ ...ell, students }] }, roster);
    expect(membersOf(result, 'student', 'ELL Programme')).toEqual(['S1', 'S2', 'S5']);
  });

  it('makes one dashboard per school with perSchool, and gives it the school staff by role', async () => {
    const roster = aRoster({
      schools: [aSchool('100'), aSchool('200', 'Roosevelt Middle School', 'RMS')],
      students: [aStudent({ key: '1', fields: { ell: 'Y' } }), aStudent({ key: '2', schoolId: '200', fields: { ell: 'Y' } })],
      staff: [aStaff({ key: 'c', schools: [{ schoolId: '200', role: 'ell-coordinator', active: true }] })],
    });
    const rule = { ...ell, perSchool: true, nameTemplate: 'ELL – {school.name}', viewers: [{ roles: ['ell-coordinator'] }] };
    const { result } = await mapWith({ rules: [rule] }, roster);
    expect(namesOf(result)).toEqual(['ELL – Lincoln High School', 'ELL – Roosevelt Middle School']);
    expect(membersOf(result, 'viewer', 'ELL – Roosevelt Middle School')).toEqual(['Tc']);
    expect(membersOf(result, 'viewer', 'ELL – Lincoln High School')).toEqual([]);
  });

  it('warns about a school the roster does not have, and about a rule that made nothing', async () => {
    const roster = aRoster({ students: [aStudent({ key: '1', fields: { ell: 'Y' } })] });
    const { result } = await mapWith({ rules: [{ ...ell, students: { schools: ['999'] } }] }, roster);
    expect(result.warnings).toEqual([
      'rule "ELL programme": students.schools names school "999", which is not in the roster (100 Lincoln High School)',
      'rule "ELL programme" made no dashboard: no student with a SIS id matches it',
    ]);
  });
});
