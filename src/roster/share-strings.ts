import type { Roster } from './roster.js';

// A roster read row by row holds a new string for every value of every row: the school number
// of each of 50,000 students, the student key of each of 300,000 enrolments, the first name of
// every Emma and José. Here each value that repeats becomes one string, and a section's
// enrolments point at the student's own key, which is a third of a large district's roster in
// memory. Values are unchanged; only which copy of equal text is held.

/** Changes the roster in place and returns it. */
export function shareRosterStrings(roster: Roster): Roster {
  const pool = new Map<string, string>();
  const one = (text: string): string => {
    const held = pool.get(text);
    if (held !== undefined) return held;
    pool.set(text, text);
    return text;
  };
  const studentKeys = new Map<string, string>();
  for (const student of roster.students) {
    studentKeys.set(student.key, student.key);
    student.firstName = one(student.firstName);
    student.lastName = one(student.lastName);
    student.schoolId = one(student.schoolId);
    student.enrollStatus = one(student.enrollStatus) as typeof student.enrollStatus;
    for (const field in student.fields) student.fields[field] = one(student.fields[field] as string);
  }
  for (const person of roster.staff) {
    person.firstName = one(person.firstName);
    person.lastName = one(person.lastName);
    for (const entry of person.schools) entry.schoolId = one(entry.schoolId);
  }
  for (const section of roster.sections) {
    section.schoolId = one(section.schoolId);
    section.courseNumber = one(section.courseNumber);
    section.courseName = one(section.courseName);
    section.term = one(section.term);
    section.period = one(section.period);
    section.teacherKeys = section.teacherKeys.map(one);
    const keys = section.studentKeys;
    for (let i = 0; i < keys.length; i++) keys[i] = studentKeys.get(keys[i] as string) ?? (keys[i] as string);
  }
  return roster;
}
