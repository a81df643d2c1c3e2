import { describe, expect, it } from 'vitest';
import { buildRoster, RosterAssembler } from '../../../../src/sources/powerschool/roster/roster-assembler.js';
import { ROSTER_OPTIONS as OPTIONS, rosterRows as rows } from '../../../helpers/roster-rows.js';

// Rows → Roster, without I/O: the keys that tie records together, and bad values named by query,
// row and field.

describe('buildRoster', () => {
  it('ties sections to staff through SCHOOLSTAFF ids and to students through STUDENTS.ID', () => {
    const { roster, notes } = buildRoster(rows(), OPTIONS);
    expect(roster.students[0]).toMatchObject({ key: '1', sisId: '100001', grade: 9, enrollStatus: 'active', lastName: "O'Brien" });
    expect(roster.staff).toEqual([
      {
        key: '7',
        sisId: 'T7',
        firstName: 'Ana',
        lastName: 'Núñez',
        email: null,
        schools: [
          { schoolId: '100', role: 'teacher', active: true },
          { schoolId: '200', role: 'substitute', active: false },
        ],
      },
    ]);
    expect(roster.sections[0]).toMatchObject({ key: '5', term: '24-25', teacherKeys: ['7'], studentKeys: ['1'] });
    expect(notes).toEqual([
      '1 section teacher records name a staff record that was not read; they were left out',
      '1 enrolments name a student or section that was not read; they were left out',
    ]);
  });

  it('names the query, row and field of a value that is not what the SQL promises', () => {
    const bad = rows({
      students: [
        ...rows().students,
        { student_id: '2', student_dcid: '12', school_number: '100', grade_level: 'ninth', enroll_status: '0' },
      ],
    });
    expect(() => buildRoster(bad, OPTIONS)).toThrow('PowerSchool row 2 of students: grade_level is "ninth", not a whole number');
    const status = rows({ students: [{ ...rows().students[0], enroll_status: '7' }] });
    expect(() => buildRoster(status, OPTIONS)).toThrow(/row 1 of students: enroll_status is 7/);
    const missing = rows({ sections: [{ ...rows().sections[0], course_number: undefined }] });
    expect(() => buildRoster(missing, OPTIONS)).toThrow(/row 1 of sections: course_number is missing/);
  });

  it('takes the extra student fields at the end, and an identity from one of them', () => {
    const fields = new Map([['11', { counselor: 'T7', state_id: 'CA-42' }]]);
    const { roster } = buildRoster(rows(), OPTIONS, fields);
    expect(roster.students[0]).toMatchObject({ sisId: '100001', fields: { counselor: 'T7', state_id: 'CA-42' } });
    const byField = buildRoster(rows(), { ...OPTIONS, studentIdField: 'state_id' }, fields).roster;
    expect(byField.students[0]).toMatchObject({ sisId: 'CA-42', fields: { counselor: 'T7', state_id: 'CA-42' } });
    expect(buildRoster(rows(), { ...OPTIONS, studentIdField: 'state_id' }).roster.students[0]?.sisId).toBeNull();
    expect(buildRoster(rows(), { ...OPTIONS, studentIdField: 'constructor' }).roster.students[0]?.sisId).toBeNull();
  });

  it('refuses a record returned twice (pages that overlapped)', () => {
    const twice = rows({ students: [...rows().students, ...rows().students] });
    expect(() => buildRoster(twice, OPTIONS)).toThrow(expect.objectContaining({ code: 'POWERSCHOOL_DATA_CHANGED' }));
  });

  it('assembles the same roster from rows streamed one at a time, and refuses rows out of order', () => {
    const all = rows();
    const assembler = new RosterAssembler(OPTIONS);
    for (const role of ['schools', 'students', 'staff', 'sections', 'sectionTeachers', 'enrollments'] as const) {
      for (const row of all[role]) assembler.add(role, row);
    }
    expect(assembler.rowCount('enrollments')).toBe(2);
    expect(assembler.finish()).toEqual(buildRoster(all, OPTIONS));
    const late = new RosterAssembler(OPTIONS);
    late.add('sections', all.sections[0] as Record<string, unknown>);
    expect(() => late.add('staff', all.staff[0] as Record<string, unknown>)).toThrow(/staff arrived after rows of sections/);
  });
});
