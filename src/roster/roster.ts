// The normalised roster: people and classes as every PowerSchool source (REST API, Oracle)
// returns them, independent of where they came from and of what AspirEDU wants. Mapping rules
// turn a Roster into dashboard memberships (src/mapping/).

/** PowerSchool's STUDENTS.ENROLL_STATUS, by name. */
export type EnrollStatus = 'active' | 'pre-registered' | 'inactive' | 'transferred-out' | 'graduated' | 'historical';

export const ENROLL_STATUS_BY_CODE: Readonly<Record<string, EnrollStatus>> = {
  '-1': 'pre-registered',
  '0': 'active',
  '1': 'inactive',
  '2': 'transferred-out',
  '3': 'graduated',
  '4': 'historical',
};

export interface RosterSchool {
  /** SCHOOLS.SCHOOL_NUMBER, as text. */
  id: string;
  name: string;
  abbreviation: string;
}

export interface RosterStudent {
  /** Stable internal key within one roster (STUDENTS.ID); sections refer to it. */
  key: string;
  /** The configured identity (student_number by default); null when the person has none. */
  sisId: string | null;
  firstName: string;
  lastName: string;
  /** SCHOOLS.SCHOOL_NUMBER of the enrolled school. */
  schoolId: string;
  /** GRADE_LEVEL: -2..-1 pre-K, 0 kindergarten, 1..12. */
  grade: number | null;
  enrollStatus: EnrollStatus;
  /** Configured extra fields and custom fields by their configured name (counselor, advisory, team, ell ...). */
  fields: Record<string, string>;
}

export type StaffRole = 'teacher' | 'staff' | 'lunch-staff' | 'substitute' | (string & {});

export interface RosterStaffSchool {
  schoolId: string;
  /** SCHOOLSTAFF.STAFFSTATUS by name: 1 teacher, 2 staff, 3 lunch-staff, 4 substitute. */
  role: StaffRole;
  active: boolean;
}

export interface RosterStaff {
  /** Stable internal key (USERS.DCID): one person even when they work at two schools. */
  key: string;
  /** The configured identity (teachernumber by default); null when the person has none. */
  sisId: string | null;
  firstName: string;
  lastName: string;
  email: string | null;
  schools: RosterStaffSchool[];
}

export interface RosterSection {
  /** SECTIONS.ID, as text. */
  key: string;
  schoolId: string;
  courseNumber: string;
  courseName: string;
  sectionNumber: string;
  /** TERMS abbreviation or TERMID, as configured. */
  term: string;
  /** SECTIONS.EXPRESSION, e.g. "1(A)". */
  period: string;
  /** Staff keys: the lead teacher first, then co-teachers. */
  teacherKeys: string[];
  /** Student keys of current enrolments (dropped ones excluded). */
  studentKeys: string[];
}

export interface Roster {
  schools: RosterSchool[];
  students: RosterStudent[];
  staff: RosterStaff[];
  sections: RosterSection[];
  /**
   * The names of the student fields the source was configured to read, even those no student
   * has a value for. Lets mapping rules tell a misspelt field name (an error) from a field that
   * happens to be empty today. When absent, the names seen in `students[].fields` are used.
   */
  studentFields?: readonly string[];
}

export function fullName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName}`.trim();
}
