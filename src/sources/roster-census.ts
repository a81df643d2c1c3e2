import type { Roster } from '../roster/roster.js';
import type { SourceCensus } from '../desired/ports.js';

/** Head counts of a roster, for the guard's source sanity checks. */
export function censusOf(roster: Roster): SourceCensus {
  const schoolNames = new Map(roster.schools.map((s) => [s.id, s.name]));
  const studentsBySchool: Record<string, number> = {};
  for (const student of roster.students) {
    if (student.enrollStatus !== 'active') continue;
    const school = schoolNames.get(student.schoolId) ?? student.schoolId;
    studentsBySchool[school] = (studentsBySchool[school] ?? 0) + 1;
  }
  return {
    datasets: { students: roster.students.length, staff: roster.staff.length, sections: roster.sections.length },
    studentsBySchool,
    withoutSisId: {
      students: roster.students.filter((s) => s.sisId === null).length,
      staff: roster.staff.filter((s) => s.sisId === null).length,
    },
  };
}
