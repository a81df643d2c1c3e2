import type { Roster, RosterStaff } from '../src/roster/roster.js';

// A larger district made of copies of a real-shaped one, for the mapping figure's synthetic
// 1,000,000 rows: every id, key and school number of a copy gets a suffix, and its staff a
// numbered surname, so that each copy makes its own dashboards (a teacher's, a grade's, a
// caseload) rather than merging into the original's. The last copy holds only part of the
// schools, so that any factor can be reached. Same input, same output.

export function scaleRoster(roster: Roster, factor: number): Roster {
  const schools = [...roster.schools].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: Roster = {
    schools: [],
    students: [],
    staff: [],
    sections: [],
    ...(roster.studentFields ? { studentFields: roster.studentFields } : {}),
  };
  for (let copy = 0; copy < Math.ceil(factor); copy++) {
    const share = Math.min(1, factor - copy);
    const kept = new Set(schools.slice(0, Math.round(share * schools.length)).map((school) => school.id));
    const id = (value: string) => (copy === 0 ? value : `${value}~${copy + 1}`);
    const label = (value: string) => (copy === 0 ? value : `${value} ${copy + 1}`);
    for (const school of schools) {
      if (kept.has(school.id)) out.schools.push({ ...school, id: id(school.id), name: label(school.name) });
    }
    for (const student of roster.students) {
      if (!kept.has(student.schoolId)) continue;
      const counselor = student.fields.counselor;
      out.students.push({
        ...student,
        key: id(student.key),
        sisId: student.sisId === null ? null : id(student.sisId),
        schoolId: id(student.schoolId),
        // The caseload rule finds the counsellor by the SIS id the field holds.
        fields: counselor ? { ...student.fields, counselor: id(counselor) } : student.fields,
      });
    }
    for (const staff of roster.staff) {
      const at = staff.schools.filter((entry) => kept.has(entry.schoolId));
      if (at.length === 0 && staff.schools.length > 0) continue;
      out.staff.push(copyStaff(staff, at, id, label));
    }
    for (const section of roster.sections) {
      if (!kept.has(section.schoolId)) continue;
      out.sections.push({
        ...section,
        key: id(section.key),
        schoolId: id(section.schoolId),
        teacherKeys: section.teacherKeys.map(id),
        studentKeys: section.studentKeys.map(id),
      });
    }
  }
  return out;
}

function copyStaff(
  staff: RosterStaff,
  at: RosterStaff['schools'],
  id: (value: string) => string,
  label: (value: string) => string,
): RosterStaff {
  return {
    ...staff,
    key: id(staff.key),
    sisId: staff.sisId === null ? null : id(staff.sisId),
    lastName: label(staff.lastName),
    email: staff.email === null ? null : id(staff.email),
    schools: at.map((entry) => ({ ...entry, schoolId: id(entry.schoolId) })),
  };
}

/** Rows a roster stands for: people, sections, and each section's teachers and students. */
export function rosterRows(roster: Roster): number {
  let rows = roster.schools.length + roster.students.length + roster.sections.length;
  for (const staff of roster.staff) rows += Math.max(1, staff.schools.length);
  for (const section of roster.sections) rows += section.teacherKeys.length + section.studentKeys.length;
  return rows;
}
