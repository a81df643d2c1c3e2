import type { SimDatabase } from '../src/sim/powerschool/database.js';

// What AspirEDU should hold, worked out with SQL straight from the PowerSchool simulator's
// tables for the four rules of soak-config.ts, without any of sis-sync's code: the yardstick
// every upload and the final state are measured against.

export interface DesiredState {
  /** Student dashboard name → SIS ids. */
  students: Map<string, Set<string>>;
  /** Viewer dashboard name → SIS id → viewer_is_ally. */
  viewers: Map<string, Map<string, boolean>>;
}

interface StudentRow {
  id: number;
  sis: string | null;
  school: number;
  school_name: string | null;
  grade: number | null;
  counselor: string | null;
}

interface StaffRow {
  users_dcid: number;
  sis: string | null;
  first_name: string | null;
  last_name: string | null;
  schoolstaff_id: number;
  school: number;
  status: number;
  staffstatus: number;
}

export function desiredState(db: SimDatabase, asOf: string): DesiredState {
  const state: DesiredState = { students: new Map(), viewers: new Map() };
  const students = db
    .prepare(
      `SELECT s.id, CAST(s.student_number AS TEXT) AS sis, s.schoolid AS school, sc.name AS school_name, s.grade_level AS grade,
              TRIM(uf.counselor) AS counselor
       FROM students s
       LEFT JOIN schools sc ON sc.school_number = s.schoolid
       LEFT JOIN u_studentsuserfields uf ON uf.studentsdcid = s.dcid
       WHERE s.enroll_status = 0`,
    )
    .all() as StudentRow[];
  const staff = db
    .prepare(
      `SELECT u.dcid AS users_dcid, NULLIF(TRIM(u.teachernumber), '') AS sis, u.first_name, u.last_name,
              ss.id AS schoolstaff_id, ss.schoolid AS school, ss.status, ss.staffstatus
       FROM users u JOIN schoolstaff ss ON ss.users_dcid = u.dcid`,
    )
    .all() as StaffRow[];

  gradeDashboards(state, students, staff);
  teacherDashboards(state, db, asOf, students, staff, { prefix: '', courses: () => true });
  teacherDashboards(state, db, asOf, students, staff, { prefix: 'CS – ', courses: (course) => course.trim().startsWith('CSC') });
  caseloadDashboards(state, students, staff);
  return state;
}

/** "{school.name} – Grade {grade}": active students with a SIS id, seen by the school's active office staff. */
function gradeDashboards(state: DesiredState, students: StudentRow[], staff: StaffRow[]): void {
  const schoolOf = new Map<string, number>();
  for (const s of students) {
    if (s.sis === null || s.grade === null) continue;
    const name = dashboardName(`${s.school_name ?? s.school} – Grade ${s.grade}`);
    addStudent(state, name, s.sis);
    schoolOf.set(name, s.school);
  }
  for (const [name, school] of schoolOf) {
    for (const person of staff) {
      if (person.school === school && person.status === 1 && person.staffstatus === 2 && person.sis) addViewer(state, name, person.sis);
    }
  }
}

/** One dashboard per teacher with a SIS id: students enrolled today in a current section (of the rule's courses) they lead or co-teach. */
function teacherDashboards(
  state: DesiredState,
  db: SimDatabase,
  asOf: string,
  students: StudentRow[],
  staff: StaffRow[],
  rule: { prefix: string; courses: (courseNumber: string) => boolean },
): void {
  const userOfSchoolstaff = new Map(staff.map((p) => [p.schoolstaff_id, p.users_dcid]));
  const person = new Map(staff.map((p) => [p.users_dcid, p]));
  const sisOfStudent = new Map(students.map((s) => [s.id, s.sis]));
  const sections = db
    .prepare(
      `SELECT sec.id, sec.schoolid AS school, sec.teacher, sec.course_number FROM sections sec
       JOIN courses c ON c.course_number = sec.course_number
       JOIN terms t ON t.id = sec.termid AND t.schoolid = sec.schoolid
       WHERE t.firstday <= ? AND t.lastday >= ?`,
    )
    .all(asOf, asOf) as Array<{ id: number; school: number; teacher: number | null; course_number: string }>;
  const coTeachers = db
    .prepare(`SELECT sectionid, teacherid FROM sectionteacher WHERE start_date <= ? AND end_date >= ?`)
    .all(asOf, asOf) as Array<{ sectionid: number; teacherid: number }>;
  const enrolled = db
    .prepare(`SELECT sectionid, studentid FROM cc WHERE sectionid > 0 AND dateenrolled <= ? AND dateleft > ?`)
    .all(asOf, asOf) as Array<{ sectionid: number; studentid: number }>;

  const teachersOf = new Map<number, Set<number>>();
  const addTeacher = (section: number, schoolstaff: number | null) => {
    const user = schoolstaff === null ? undefined : userOfSchoolstaff.get(schoolstaff);
    if (user === undefined) return;
    const set = teachersOf.get(section) ?? new Set<number>();
    set.add(user);
    teachersOf.set(section, set);
  };
  const current = new Map(sections.map((s) => [s.id, s]));
  for (const section of sections) addTeacher(section.id, section.teacher);
  for (const row of coTeachers) if (current.has(row.sectionid)) addTeacher(row.sectionid, row.teacherid);
  const studentsOf = new Map<number, string[]>();
  for (const row of enrolled) {
    const sis = sisOfStudent.get(row.studentid);
    if (!current.has(row.sectionid) || sis === undefined || sis === null) continue;
    studentsOf.set(row.sectionid, [...(studentsOf.get(row.sectionid) ?? []), sis]);
  }

  for (const section of sections) {
    if (!rule.courses(section.course_number)) continue;
    for (const user of teachersOf.get(section.id) ?? []) {
      const teacher = person.get(user) as StaffRow;
      // A teacher with no active record at the section's school gets nothing from it.
      const there = staff.filter((p) => p.users_dcid === user && p.school === section.school);
      if (there.length > 0 && there.every((p) => p.status !== 1)) continue;
      const members = studentsOf.get(section.id) ?? [];
      if (!teacher.sis || members.length === 0) continue;
      const name = dashboardName(`${rule.prefix}${teacher.last_name ?? ''}, ${teacher.first_name ?? ''} (${teacher.sis})`);
      for (const sis of members) addStudent(state, name, sis);
      addViewer(state, name, teacher.sis);
    }
  }
}

/** "Caseload {value}" per counselor value, seen by the active staff member whose SIS id it is. */
function caseloadDashboards(state: DesiredState, students: StudentRow[], staff: StaffRow[]): void {
  const values = new Set<string>();
  for (const s of students) {
    if (s.sis === null || !s.counselor) continue;
    addStudent(state, dashboardName(`Caseload ${s.counselor}`), s.sis);
    values.add(s.counselor);
  }
  for (const value of values) {
    const active = new Set(staff.filter((p) => p.sis === value && p.status === 1).map((p) => p.users_dcid));
    if (active.size > 0) addViewer(state, dashboardName(`Caseload ${value}`), value);
  }
}

function addStudent(state: DesiredState, name: string, sis: string): void {
  const members = state.students.get(name) ?? new Set<string>();
  members.add(sis);
  state.students.set(name, members);
}

function addViewer(state: DesiredState, name: string, sis: string): void {
  const members = state.viewers.get(name) ?? new Map<string, boolean>();
  members.set(sis, false);
  state.viewers.set(name, members);
}

/** AspirEDU keeps names as given; sis-sync trims them and collapses runs of spaces. */
function dashboardName(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
