import { describe, expect, it } from 'vitest';
import { fullName } from '../../src/roster/roster.js';
import { generateDistrict } from '../helpers/district.js';
import { mapWith, membersOf, namesOf } from '../helpers/mapping.js';
import { aRoster, aSchool, aStaff, aStudent } from '../helpers/roster-builders.js';

const rule = {
  name: 'Grade levels',
  kind: 'school-grade',
  nameTemplate: '{school.name} – Grade {grade}',
  viewers: [{ roles: ['staff'] }, { sisIds: ['SUPT'], ally: true }],
};

describe('school-grade rules', () => {
  it('puts every active student of a generated district on the dashboard of their school and grade', async () => {
    const { roster } = generateDistrict({ seed: 7 });
    const { result } = await mapWith({ rules: [rule], gradeNames: { '-1': 'Pre-K', '0': 'K' } }, roster);
    const expected = new Map<string, string[]>();
    for (const s of roster.students) {
      if (s.enrollStatus !== 'active' || !s.sisId || s.grade === null) continue;
      const school = roster.schools.find((x) => x.id === s.schoolId)?.name;
      const grade = s.grade === 0 ? 'K' : s.grade === -1 ? 'Pre-K' : String(s.grade);
      const name = `${school} – Grade ${grade}`;
      expected.set(name, [...(expected.get(name) ?? []), s.sisId]);
    }
    expect(namesOf(result)).toEqual([...expected.keys()].sort());
    for (const [name, ids] of expected) expect(membersOf(result, 'student', name)).toEqual(ids.sort());
    expect(namesOf(result)).toContain('École Saint-Exupéry Elementary – Grade K');
    expect(namesOf(result)).toContain("O'Keefe & Daughters Academy – Grade 12");
  });

  it("gives the school's staff with the listed roles access, and listed SIS ids with their ally flag", async () => {
    const roster = aRoster({
      schools: [aSchool('100'), aSchool('200', 'Roosevelt Middle School', 'RMS')],
      students: [aStudent({ key: '1', schoolId: '100', grade: 9 }), aStudent({ key: '2', schoolId: '200', grade: 7 })],
      staff: [
        aStaff({ key: '10', schools: [{ schoolId: '100', role: 'staff', active: true }] }),
        aStaff({ key: '11', schools: [{ schoolId: '100', role: 'teacher', active: true }] }),
        aStaff({ key: '12', schools: [{ schoolId: '100', role: 'staff', active: false }] }),
        // One person at two schools: staff at both.
        aStaff({
          key: '13',
          schools: [
            { schoolId: '100', role: 'staff', active: true },
            { schoolId: '200', role: 'staff', active: true },
          ],
        }),
      ],
    });
    const { result } = await mapWith({ rules: [rule] }, roster);
    const viewers = result.desired.get(['viewer', '', 'Lincoln High School – Grade 9'].join('\u001f'))?.members;
    expect(viewers && Object.fromEntries(viewers)).toEqual({ T10: false, T13: false, SUPT: true });
    expect(membersOf(result, 'viewer', 'Roosevelt Middle School – Grade 7')).toEqual(['SUPT', 'T13']);
  });

  it('leaves out students of other statuses unless the filter names them, and students without a grade', async () => {
    const roster = aRoster({
      students: [
        aStudent({ key: '1' }),
        aStudent({ key: '2', enrollStatus: 'pre-registered' }),
        aStudent({ key: '3', enrollStatus: 'inactive' }),
        aStudent({ key: '4', grade: null }),
      ],
    });
    const active = await mapWith({ rules: [rule] }, roster);
    expect(membersOf(active.result, 'student', 'Lincoln High School – Grade 9')).toEqual(['S1']);
    const withPre = await mapWith({ rules: [{ ...rule, students: { enrollStatus: ['active', 'pre-registered'] } }] }, roster);
    expect(membersOf(withPre.result, 'student', 'Lincoln High School – Grade 9')).toEqual(['S1', 'S2']);
  });

  it('makes district-wide grade dashboards when the template leaves the school out, without calling it a clash', async () => {
    const roster = aRoster({
      schools: [aSchool('100'), aSchool('400', "O'Keefe Academy", 'OKA')],
      students: [aStudent({ key: '1', schoolId: '100' }), aStudent({ key: '2', schoolId: '400' })],
    });
    const { result } = await mapWith({ rules: [{ ...rule, nameTemplate: 'Grade {grade}', viewers: [] }] }, roster);
    expect(membersOf(result, 'student', 'Grade 9')).toEqual(['S1', 'S2']);
    expect(result.warnings).toEqual([]);
  });

  it('names people for plans: students with their school, staff with the schools they work at', async () => {
    const roster = aRoster({
      schools: [aSchool('100'), aSchool('200', 'Roosevelt Middle School', 'RMS')],
      students: [aStudent({ key: '1', firstName: 'Zoë', lastName: "O'Brien" })],
      staff: [
        aStaff({
          key: '13',
          schools: [
            { schoolId: '200', role: 'staff', active: true },
            { schoolId: '100', role: 'staff', active: true },
          ],
        }),
      ],
    });
    const { result } = await mapWith({ rules: [rule] }, roster);
    expect(result.people?.get('student:S1')).toEqual({ name: "Zoë O'Brien", school: 'Lincoln High School' });
    expect(result.people?.get('viewer:T13')).toEqual({
      name: fullName(roster.staff[0] as never),
      school: 'Lincoln High School, Roosevelt Middle School',
    });
    expect(result.dataTypes).toEqual(['student', 'viewer']);
  });
});
