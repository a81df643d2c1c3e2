import { SourceError } from '../../errors.js';
import {
  ENROLL_STATUS_BY_CODE,
  type Roster,
  type RosterSection,
  type RosterStaff,
  type RosterStudent,
  type StaffRole,
} from '../../roster/roster.js';
import { eachRow, type RowReader } from './row-values.js';

// Turns the rows of the roster queries into a Roster. Pure: the rows may come from the REST
// API or (later) straight from Oracle. Keys: STUDENTS.ID for students, USERS.DCID for staff (a
// teacher at two schools is one person), SECTIONS.ID for sections.

export type Rows = ReadonlyArray<Record<string, unknown>>;

export interface RosterRows {
  schools: Rows;
  students: Rows;
  staff: Rows;
  sections: Rows;
  sectionTeachers: Rows;
  enrollments: Rows;
}

export interface RosterOptions {
  /** student_number, dcid, id, state_studentnumber, or the name of an extra student field. */
  studentIdField: string;
  staffIdField: 'teachernumber' | 'users_dcid' | 'email';
  termLabel: 'abbreviation' | 'termid';
  /** Extra fields by STUDENTS.DCID, then by field name. */
  studentFields: ReadonlyMap<string, Record<string, string>>;
}

export interface BuiltRoster {
  roster: Roster;
  /** Things a person may want to know; none stops the run. */
  notes: string[];
}

const STAFF_ROLES: Record<number, StaffRole> = { 0: 'unassigned', 1: 'teacher', 2: 'staff', 3: 'lunch-staff', 4: 'substitute' };

export function buildRoster(rows: RosterRows, options: RosterOptions): BuiltRoster {
  const notes: string[] = [];
  const schools = eachRow('schools', rows.schools, (r) => ({
    id: r.requiredId('school_number'),
    name: r.text('school_name') ?? '',
    abbreviation: r.text('abbreviation') ?? '',
  }));
  const students = unique(
    'students',
    eachRow('students', rows.students, (r) => student(r, options)),
    (s) => s.key,
  );
  const { staff, byschoolstaff } = buildStaff(rows.staff, options);
  // Sections hold the students' own key strings, not one copy per enrolment row.
  const sections = buildSections(rows, options, new Map(students.map((s) => [s.key, s.key])), byschoolstaff, notes);
  return { roster: { schools, students, staff, sections }, notes };
}

function student(r: RowReader, options: RosterOptions): RosterStudent {
  const code = r.requiredInteger('enroll_status');
  const enrollStatus = ENROLL_STATUS_BY_CODE[String(code)];
  if (!enrollStatus) throw r.error('enroll_status', `is ${code}, not a PowerSchool enrolment status (-1 to 4)`);
  const dcid = r.requiredId('student_dcid');
  const fields = options.studentFields.get(dcid) ?? {};
  const base: Record<string, string | null> = {
    student_number: r.id('student_number'),
    dcid,
    id: r.requiredId('student_id'),
    state_studentnumber: r.id('state_studentnumber'),
  };
  return {
    key: r.requiredId('student_id'),
    sisId: options.studentIdField in base ? (base[options.studentIdField] ?? null) : (fields[options.studentIdField] ?? null),
    firstName: r.text('first_name') ?? '',
    lastName: r.text('last_name') ?? '',
    schoolId: r.requiredId('school_number'),
    grade: r.integer('grade_level'),
    enrollStatus,
    fields,
  };
}

function buildStaff(rows: Rows, options: RosterOptions): { staff: RosterStaff[]; byschoolstaff: Map<string, string> } {
  const people = new Map<string, RosterStaff>();
  const byschoolstaff = new Map<string, string>();
  eachRow('staff', rows, (r) => {
    const key = r.requiredId('users_dcid');
    let person = people.get(key);
    if (!person) {
      const email = r.text('email');
      const ids = { teachernumber: r.id('teachernumber'), users_dcid: key, email };
      person = {
        key,
        sisId: ids[options.staffIdField] ?? null,
        firstName: r.text('first_name') ?? '',
        lastName: r.text('last_name') ?? '',
        email,
        schools: [],
      };
      people.set(key, person);
    }
    const status = r.requiredInteger('staffstatus');
    person.schools.push({
      schoolId: r.requiredId('school_number'),
      role: STAFF_ROLES[status] ?? `staffstatus-${status}`,
      active: r.integer('status') === 1,
    });
    byschoolstaff.set(r.requiredId('schoolstaff_id'), key);
  });
  return { staff: [...people.values()], byschoolstaff };
}

function buildSections(
  rows: RosterRows,
  options: RosterOptions,
  studentKeys: Map<string, string>,
  byschoolstaff: Map<string, string>,
  notes: string[],
): RosterSection[] {
  const sections = unique(
    'sections',
    eachRow('sections', rows.sections, (r): RosterSection => {
      const lead = r.id('lead_schoolstaff_id');
      const leadKey = lead === null ? undefined : byschoolstaff.get(lead);
      return {
        key: r.requiredId('section_id'),
        schoolId: r.requiredId('school_number'),
        courseNumber: r.requiredText('course_number'),
        courseName: r.text('course_name') ?? '',
        sectionNumber: r.text('section_number') ?? '',
        term: (options.termLabel === 'abbreviation' ? r.text('term_abbreviation') : null) ?? r.requiredId('term_id'),
        period: r.text('expression') ?? '',
        teacherKeys: leadKey ? [leadKey] : [],
        studentKeys: [],
      };
    }),
    (s) => s.key,
  );
  const byKey = new Map(sections.map((s) => [s.key, s]));
  let unknownTeachers = 0;
  eachRow('section_teachers', rows.sectionTeachers, (r) => {
    const section = byKey.get(r.requiredId('section_id'));
    const person = byschoolstaff.get(r.requiredId('schoolstaff_id'));
    if (!section) return;
    if (!person) return unknownTeachers++;
    if (!section.teacherKeys.includes(person)) section.teacherKeys.push(person);
  });
  let unknownStudents = 0;
  const enrolled = new Map<string, Set<string>>();
  eachRow('enrollments', rows.enrollments, (r) => {
    const sectionKey = r.requiredId('section_id');
    const studentKey = studentKeys.get(r.requiredId('student_id'));
    if (!byKey.has(sectionKey) || studentKey === undefined) return unknownStudents++;
    let set = enrolled.get(sectionKey);
    if (!set) enrolled.set(sectionKey, (set = new Set()));
    set.add(studentKey);
  });
  for (const section of sections) section.studentKeys = [...(enrolled.get(section.key) ?? [])];
  if (unknownTeachers) notes.push(`${unknownTeachers} section teacher records name a staff record that was not read; they were left out`);
  if (unknownStudents) notes.push(`${unknownStudents} enrolments name a student or section that was not read; they were left out`);
  return sections;
}

function unique<T>(query: string, items: T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    if (seen.has(key)) {
      throw new SourceError(`PowerSchool returned ${query} record ${key} twice; the data changed while it was read`, {
        code: 'POWERSCHOOL_DATA_CHANGED',
        hint: 'Nothing was uploaded; the next run reads everything again.',
      });
    }
    seen.add(key);
  }
  return items;
}
