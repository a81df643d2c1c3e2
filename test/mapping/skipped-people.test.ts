import { describe, expect, it } from 'vitest';
import { generateDistrict } from '../helpers/district.js';
import { mapWith } from '../helpers/mapping.js';
import { aRoster, aStaff, aStudent } from '../helpers/roster-builders.js';

const grades = { name: 'Grades', kind: 'school-grade', nameTemplate: 'Grade {grade}', viewers: [{ roles: ['staff'] }] };

describe('people without the configured SIS id', () => {
  it('are left out, counted and named, only when a rule would have placed them', async () => {
    const roster = aRoster({
      students: [
        aStudent({ key: '1' }),
        aStudent({ key: '2', sisId: null, firstName: 'Zoë', lastName: "O'Brien" }),
        aStudent({ key: '3', sisId: '' }),
        // Inactive: no rule places them, so their missing id does not matter.
        aStudent({ key: '4', sisId: null, enrollStatus: 'inactive' }),
      ],
      staff: [
        aStaff({ key: '9', sisId: null, firstName: 'Nola', lastName: 'Noid', schools: [{ schoolId: '100', role: 'staff', active: true }] }),
      ],
    });
    const { result } = await mapWith({ rules: [grades] }, roster);
    expect(result.stats.studentsSkippedNoSisId).toBe(2);
    expect(result.stats.staffSkippedNoSisId).toBe(1);
    expect(result.warnings).toEqual([
      "2 students who would be on a dashboard have no SIS id and were left out: Zoë O'Brien (no SIS id, key 2), Sam Student3 (no SIS id, key 3). If that is many, check the source's identity setting",
      "1 staff member who would be on a dashboard has no SIS id and was left out: Nola Noid (no SIS id, key 9). If that is many, check the source's identity setting",
    ]);
    expect([...result.desired.values()].flatMap((d) => [...d.members.keys()])).toEqual(['S1']);
    expect(result.people?.has('student:')).toBe(false);
  });

  it('are counted once even when several rules would place them', async () => {
    const { roster } = generateDistrict({ seed: 9 });
    const lacking = roster.students.filter((s) => !s.sisId && s.enrollStatus === 'active').length;
    expect(lacking).toBeGreaterThan(3);
    const ell = { name: 'All', kind: 'static', nameTemplate: 'Everyone' };
    const { result } = await mapWith({ rules: [grades, ell] }, roster);
    expect(result.stats.studentsSkippedNoSisId).toBe(lacking);
  });

  it('are reported when two people share one SIS id, since they become one member', async () => {
    const roster = aRoster({ students: [aStudent({ key: '1', sisId: 'X' }), aStudent({ key: '2', sisId: 'X', firstName: 'Ana' })] });
    const { result } = await mapWith({ rules: [grades] }, roster);
    expect(result.warnings).toContain(
      "1 SIS id(s) are shared by more than one of the roster's students, who count as one member: X: Sam Student1 (key 1), Ana Student2 (key 2)",
    );
  });
});
