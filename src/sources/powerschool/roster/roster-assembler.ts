import { SourceError } from '../../../errors.js';
import {
  ENROLL_STATUS_BY_CODE,
  type Roster,
  type RosterSchool,
  type RosterSection,
  type RosterStaff,
  type RosterStudent,
  type StaffRole,
} from '../../../roster/roster.js';
import { shareRosterStrings } from '../../../roster/share-strings.js';
import { RowReader } from './row-values.js';

// Turns the rows of the roster queries into a Roster, for both PowerSchool sources: the REST
// reader hands it each query's rows as the query completes, the Oracle reader one row at a time
// as the driver streams them, so that no query's raw rows are held longer than it takes to read
// them. Extra student fields come at the end (finish): the REST reader reads them last. Pure: no I/O.
// Keys: STUDENTS.ID for students, USERS.DCID for staff (a teacher at two schools is one person),
// SECTIONS.ID for sections. Rows must arrive in ROLE_ORDER: sections refer to staff read before
// them, enrolments to students and sections.

export type Row = Record<string, unknown>;
export type Rows = ReadonlyArray<Row>;

export const ROLE_ORDER = ['schools', 'students', 'staff', 'sections', 'sectionTeachers', 'enrollments'] as const;
export type RosterRole = (typeof ROLE_ORDER)[number];

export type RosterRows = Record<RosterRole, Rows>;

/** How each role is named in messages (the query's last name part). */
const QUERY_LABEL: Record<RosterRole, string> = {
  schools: 'schools',
  students: 'students',
  staff: 'staff',
  sections: 'sections',
  sectionTeachers: 'section_teachers',
  enrollments: 'enrollments',
};

export interface RosterOptions {
  /** student_number, dcid, id, state_studentnumber, or the name of an extra student field. */
  studentIdField: string;
  staffIdField: 'teachernumber' | 'users_dcid' | 'email';
  termLabel: 'abbreviation' | 'termid';
}

/** Extra student fields by STUDENTS.DCID, then by field name. */
export type StudentFieldValues = ReadonlyMap<string, Record<string, string>>;

export interface BuiltRoster {
  roster: Roster;
  /** Things a person may want to know; none stops the run. */
  notes: string[];
  /** Sections kept though their course was not found by its exact number (see sections.sql). */
  sectionCourses: SectionCourseCounts;
}

export interface SectionCourseCounts {
  /** Course found only when the case of its number is ignored. */
  matchedIgnoringCase: number;
  /** No course row at all: kept with an empty course name. */
  withoutCourse: number;
}

/** Student identities the students query itself returns; any other is an extra field. */
const BASE_IDENTITIES = new Set(['student_number', 'dcid', 'id', 'state_studentnumber']);

const STAFF_ROLES: Record<number, StaffRole> = { 0: 'unassigned', 1: 'teacher', 2: 'staff', 3: 'lunch-staff', 4: 'substitute' };

export class RosterAssembler {
  private readonly schools: RosterSchool[] = [];
  private readonly students = new Map<string, RosterStudent>();
  /** STUDENTS.DCID of each student, in the order of `students`: their extra fields are found by it. */
  private readonly studentDcids: string[] = [];
  private readonly staff = new Map<string, RosterStaff>();
  /** SCHOOLSTAFF.ID → USERS.DCID: sections name their teachers by SCHOOLSTAFF record. */
  private readonly byschoolstaff = new Map<string, string>();
  private readonly sections = new Map<string, RosterSection>();
  private readonly enrolled = new Map<string, Set<string>>();
  private readonly counts = new Map<RosterRole, number>();
  private stage = 0;
  private unknownTeachers = 0;
  private unknownStudents = 0;
  private readonly sectionCourses: SectionCourseCounts = { matchedIgnoringCase: 0, withoutCourse: 0 };
  /** Co-teachers by section, put in PowerSchool's priority order when the roster is finished. */
  private readonly coTeachers = new Map<string, Array<{ priority: number; id: number; person: string }>>();

  constructor(private readonly options: RosterOptions) {}

  /** Adds one row of a role's query; throws a SourceError naming the row and field when a value is wrong. */
  add(role: RosterRole, row: Row): void {
    const at = ROLE_ORDER.indexOf(role);
    if (at < this.stage) throw new Error(`roster rows of ${role} arrived after rows of ${ROLE_ORDER[this.stage]}`);
    this.stage = at;
    const index = this.counts.get(role) ?? 0;
    this.counts.set(role, index + 1);
    const r = new RowReader(QUERY_LABEL[role], row, index);
    switch (role) {
      case 'schools':
        return void this.schools.push({
          id: r.requiredId('school_number'),
          name: r.text('school_name') ?? '',
          abbreviation: r.text('abbreviation') ?? '',
        });
      case 'students':
        return this.addStudent(r);
      case 'staff':
        return this.addStaff(r);
      case 'sections':
        return this.addSection(r);
      case 'sectionTeachers':
        return this.addSectionTeacher(r);
      case 'enrollments':
        return this.addEnrollment(r);
    }
  }

  /** Rows added so far, per role. */
  rowCount(role: RosterRole): number {
    return this.counts.get(role) ?? 0;
  }

  finish(studentFields: StudentFieldValues = new Map()): BuiltRoster {
    const notes: string[] = [];
    this.attachFields(studentFields);
    const sections = [...this.sections.values()];
    for (const section of sections) {
      section.studentKeys = [...(this.enrolled.get(section.key) ?? [])];
      const co = (this.coTeachers.get(section.key) ?? []).sort((a, b) => a.priority - b.priority || a.id - b.id);
      for (const { person } of co) if (!section.teacherKeys.includes(person)) section.teacherKeys.push(person);
    }
    if (this.unknownTeachers)
      notes.push(`${this.unknownTeachers} section teacher records name a staff record that was not read; they were left out`);
    if (this.unknownStudents)
      notes.push(`${this.unknownStudents} enrolments name a student or section that was not read; they were left out`);
    const roster = { schools: this.schools, students: [...this.students.values()], staff: [...this.staff.values()], sections };
    return { roster: shareRosterStrings(roster), notes, sectionCourses: { ...this.sectionCourses } };
  }

  private addStudent(r: RowReader): void {
    const code = r.requiredInteger('enroll_status');
    const enrollStatus = ENROLL_STATUS_BY_CODE[String(code)];
    if (!enrollStatus) throw r.error('enroll_status', `is ${code}, not a PowerSchool enrolment status (-1 to 4)`);
    const dcid = r.requiredId('student_dcid');
    const key = r.requiredId('student_id');
    const base: Record<string, string | null> = {
      student_number: r.id('student_number'),
      dcid,
      id: key,
      state_studentnumber: r.id('state_studentnumber'),
    };
    const { studentIdField } = this.options;
    this.studentDcids.push(dcid);
    this.unique('students', this.students, key, {
      key,
      // An extra field as the identity is known once the fields are (attachFields).
      sisId: BASE_IDENTITIES.has(studentIdField) ? (base[studentIdField] ?? null) : null,
      firstName: r.text('first_name') ?? '',
      lastName: r.text('last_name') ?? '',
      schoolId: r.requiredId('school_number'),
      grade: r.integer('grade_level'),
      enrollStatus,
      fields: {},
    });
  }

  private attachFields(studentFields: StudentFieldValues): void {
    const { studentIdField } = this.options;
    const identityIsField = !BASE_IDENTITIES.has(studentIdField);
    if (studentFields.size === 0 && !identityIsField) return;
    let at = 0;
    for (const student of this.students.values()) {
      const fields = studentFields.get(this.studentDcids[at++] as string);
      if (fields) student.fields = fields;
      if (identityIsField) student.sisId = Object.hasOwn(student.fields, studentIdField) ? (student.fields[studentIdField] ?? null) : null;
    }
  }

  private addStaff(r: RowReader): void {
    const key = r.requiredId('users_dcid');
    let person = this.staff.get(key);
    if (!person) {
      const email = r.text('email');
      const ids = { teachernumber: r.id('teachernumber'), users_dcid: key, email };
      person = {
        key,
        sisId: ids[this.options.staffIdField] ?? null,
        firstName: r.text('first_name') ?? '',
        lastName: r.text('last_name') ?? '',
        email,
        schools: [],
      };
      this.staff.set(key, person);
    }
    const status = r.requiredInteger('staffstatus');
    person.schools.push({
      schoolId: r.requiredId('school_number'),
      role: STAFF_ROLES[status] ?? `staffstatus-${status}`,
      active: r.integer('status') === 1,
    });
    this.byschoolstaff.set(r.requiredId('schoolstaff_id'), key);
  }

  private addSection(r: RowReader): void {
    const lead = r.id('lead_schoolstaff_id');
    const leadKey = lead === null ? undefined : this.byschoolstaff.get(lead);
    const key = r.requiredId('section_id');
    if (r.id('course_id') === null) {
      if (r.text('course_number_any_case') !== null) this.sectionCourses.matchedIgnoringCase++;
      else if (!r.text('course_name')) this.sectionCourses.withoutCourse++;
    }
    this.unique('sections', this.sections, key, {
      key,
      schoolId: r.requiredId('school_number'),
      courseNumber: r.requiredText('course_number'),
      courseName: r.text('course_name') ?? '',
      sectionNumber: r.text('section_number') ?? '',
      term: (this.options.termLabel === 'abbreviation' ? r.text('term_abbreviation') : null) ?? r.requiredId('term_id'),
      period: r.text('expression') ?? '',
      teacherKeys: leadKey ? [leadKey] : [],
      studentKeys: [],
    });
  }

  private addSectionTeacher(r: RowReader): void {
    const section = this.sections.get(r.requiredId('section_id'));
    const person = this.byschoolstaff.get(r.requiredId('schoolstaff_id'));
    if (!section) return;
    if (!person) return void this.unknownTeachers++;
    // Rows come in key order (keyset reading); finish() orders them by priority.
    const list = this.coTeachers.get(section.key) ?? [];
    list.push({ priority: r.integer('priority_order') ?? Number.MAX_SAFE_INTEGER, id: Number(r.id('sectionteacher_id') ?? 0), person });
    this.coTeachers.set(section.key, list);
  }

  private addEnrollment(r: RowReader): void {
    const sectionKey = r.requiredId('section_id');
    const studentKey = r.requiredId('student_id');
    if (!this.sections.has(sectionKey) || !this.students.has(studentKey)) return void this.unknownStudents++;
    let set = this.enrolled.get(sectionKey);
    if (!set) this.enrolled.set(sectionKey, (set = new Set()));
    set.add(studentKey);
  }

  private unique<T>(query: string, map: Map<string, T>, key: string, item: T): void {
    if (map.has(key)) {
      throw new SourceError(`PowerSchool returned ${query} record ${key} twice; the data changed while it was read`, {
        code: 'POWERSCHOOL_DATA_CHANGED',
        hint: 'Nothing was uploaded; the next run reads everything again.',
      });
    }
    map.set(key, item);
  }
}

/** All rows at once (tests). */
export function buildRoster(rows: RosterRows, options: RosterOptions, studentFields?: StudentFieldValues): BuiltRoster {
  const assembler = new RosterAssembler(options);
  for (const role of ROLE_ORDER) for (const row of rows[role]) assembler.add(role, row);
  return assembler.finish(studentFields);
}
