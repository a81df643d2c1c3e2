import { describe, expect, it } from 'vitest';
import { generateDistrict } from '../helpers/district.js';
import { mapWith, membersOf, namesOf } from '../helpers/mapping.js';
import { aRoster, aSchool, aSection, aStaff, aStudent } from '../helpers/roster-builders.js';

const rule = { name: 'Teachers', kind: 'teacher', nameTemplate: '{teacher.lastName}, {teacher.firstName} ({teacher.sisId})' };

function twoSchoolRoster() {
  return aRoster({
    schools: [aSchool('100'), aSchool('400', "O'Keefe Academy", 'OKA')],
    students: ['1', '2', '3', '4', '5'].map((key) => aStudent({ key, schoolId: key === '5' ? '400' : '100' })),
    staff: [
      aStaff({
        key: 't1',
        firstName: 'Zoë',
        lastName: "O'Brien",
        schools: [
          { schoolId: '100', role: 'teacher', active: true },
          { schoolId: '400', role: 'teacher', active: true },
        ],
      }),
      aStaff({ key: 't2', firstName: 'Li', lastName: 'Wei' }),
    ],
    sections: [
      aSection({ key: 'a', courseNumber: 'ALG1', term: 'S1', period: '1(A)', teacherKeys: ['t1'], studentKeys: ['1', '2'] }),
      aSection({ key: 'b', courseNumber: 'ENG9', term: 'S2', period: '2(A)', teacherKeys: ['t1', 't2'], studentKeys: ['2', '3'] }),
      aSection({ key: 'c', courseNumber: 'HR', term: 'Y1', period: 'HR', teacherKeys: ['t2'], studentKeys: ['4'] }),
      aSection({ key: 'd', schoolId: '400', courseNumber: 'ALG2', term: 'S1', period: '1(A)', teacherKeys: ['t1'], studentKeys: ['5'] }),
    ],
  });
}

describe('teacher rules', () => {
  it("puts every student of a teacher's sections on one dashboard, across schools, with the teacher as viewer, not ally", async () => {
    const { result } = await mapWith({ rules: [rule] }, twoSchoolRoster());
    expect(membersOf(result, 'student', "O'Brien, Zoë (Tt1)")).toEqual(['S1', 'S2', 'S3', 'S5']);
    expect([...(result.desired.get(['viewer', '', "O'Brien, Zoë (Tt1)"].join('\u001f'))?.members ?? [])]).toEqual([['Tt1', false]]);
    // The co-teacher of ENG9 gets those students too.
    expect(membersOf(result, 'student', 'Wei, Li (Tt2)')).toEqual(['S2', 'S3', 'S4']);
  });

  it('leaves co-teachers out when asked', async () => {
    const { result } = await mapWith({ rules: [{ ...rule, coTeachers: false }] }, twoSchoolRoster());
    expect(membersOf(result, 'student', 'Wei, Li (Tt2)')).toEqual(['S4']);
  });

  it('makes one dashboard per teacher and school with perSchool', async () => {
    const { result } = await mapWith(
      { rules: [{ ...rule, perSchool: true, nameTemplate: '{teacher.name} – {school.abbreviation}' }] },
      twoSchoolRoster(),
    );
    expect(namesOf(result)).toEqual(['Li Wei – LHS', "Zoë O'Brien – LHS", "Zoë O'Brien – OKA"]);
    expect(membersOf(result, 'student', "Zoë O'Brien – OKA")).toEqual(['S5']);
  });

  it('filters sections by course number (with *), excluded course, term, period and school', async () => {
    const roster = twoSchoolRoster();
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ courseNumbers: ['ALG*'] }, ['S1', 'S2', 'S5']],
      [{ excludeCourseNumbers: ['HR'] }, ['S1', 'S2', 'S3', 'S5']],
      [{ terms: ['S1'] }, ['S1', 'S2', 'S5']],
      [{ periods: ['2(A)'] }, ['S2', 'S3']],
      [{ schools: ['400'] }, ['S5']],
    ];
    for (const [sections, expected] of cases) {
      const { result } = await mapWith({ rules: [{ ...rule, sections }] }, roster);
      const all = namesOf(result).flatMap((name) => membersOf(result, 'student', name));
      expect([...new Set(all)].sort(), JSON.stringify(sections)).toEqual(expected);
    }
  });

  it("warns about a section filter value that matches no section, such as last year's term", async () => {
    const { result } = await mapWith({ rules: [{ ...rule, sections: { terms: ['2024-2025', 'S1'] } }] }, twoSchoolRoster());
    expect(result.warnings).toContain('rule "Teachers": sections.terms "2024-2025" matches no section in the roster (S1, S2, Y1)');
  });

  it("gives nothing to a teacher marked inactive at the section's school, and skips and counts one without a SIS id", async () => {
    const roster = twoSchoolRoster();
    roster.staff.push(
      aStaff({ key: 'gone', schools: [{ schoolId: '100', role: 'teacher', active: false }] }),
      aStaff({ key: 'noid', sisId: null, firstName: 'Nola', lastName: 'Noid' }),
    );
    roster.sections.push(
      aSection({ key: 'e', teacherKeys: ['gone'], studentKeys: ['1'] }),
      aSection({ key: 'f', teacherKeys: ['noid'], studentKeys: ['1'] }),
    );
    const { result } = await mapWith({ rules: [rule] }, roster);
    expect(namesOf(result)).toEqual(["O'Brien, Zoë (Tt1)", 'Wei, Li (Tt2)']);
    expect(result.stats.staffSkippedNoSisId).toBe(1);
    expect(result.warnings).toContain(
      "1 staff member who would be on a dashboard has no SIS id and was left out: Nola Noid (no SIS id, key noid). If that is many, check the source's identity setting",
    );
  });

  it('covers a generated district: the teacher at two schools sees students of both', async () => {
    const { roster } = generateDistrict({ seed: 3 });
    const twoSchools = roster.staff.find((s) => s.schools.length === 2 && s.sisId);
    expect(twoSchools).toBeDefined();
    const { result } = await mapWith({ rules: [{ ...rule, sections: { excludeCourseNumbers: ['HR'] } }] }, roster);
    const name = `${twoSchools?.lastName.trim()}, ${twoSchools?.firstName} (${twoSchools?.sisId})`.replace(/\s+/g, ' ');
    const expected = new Set<string>();
    for (const section of roster.sections) {
      if (section.courseNumber === 'HR' || !section.teacherKeys.includes(twoSchools?.key ?? '')) continue;
      for (const key of section.studentKeys) {
        const student = roster.students.find((s) => s.key === key);
        if (student?.sisId && student.enrollStatus === 'active') expected.add(student.sisId);
      }
    }
    const members = membersOf(result, 'student', name);
    expect(members).toEqual([...expected].sort());
    const schools = new Set(members.map((id) => roster.students.find((s) => s.sisId === id)?.schoolId));
    expect(schools.size).toBe(2);
  });
});
