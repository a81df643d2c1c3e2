import type { SimDatabase } from '../../src/sim/powerschool/database.js';
import { dayAfter } from '../../src/sim/powerschool/school-year.js';

// The edits a registrar makes to PowerSchool in a school day, as SQL on the simulator's
// tables, kept the way PowerSchool keeps them: a dropped enrolment keeps its CC row with a
// negative SECTIONID and TERMID, a student who leaves keeps their record with another
// ENROLL_STATUS.

export interface CurrentSection {
  id: number;
  school: number;
  termid: number;
  course: string;
  number: string;
  lastday: string;
}

export interface NewStudent {
  school: number;
  grade: number;
  firstName: string;
  lastName: string;
  counselor: string | null;
}

export class DistrictEdits {
  constructor(
    private readonly db: SimDatabase,
    private readonly asOf: string,
  ) {}

  /** Sections whose term includes the soak's day, at one school. */
  currentSections(school: number): CurrentSection[] {
    return this.db
      .prepare(
        `SELECT sec.id, sec.schoolid AS school, sec.termid, sec.course_number AS course, sec.section_number AS number, t.lastday
         FROM sections sec JOIN terms t ON t.id = sec.termid AND t.schoolid = sec.schoolid
         WHERE sec.schoolid = ? AND t.firstday <= ? AND t.lastday >= ? ORDER BY sec.id`,
      )
      .all(school, this.asOf, this.asOf) as CurrentSection[];
  }

  /** CC ids of a student's current enrolments. */
  enrolments(studentId: number): Array<{ ccId: number; sectionId: number }> {
    return this.db
      .prepare(
        `SELECT cc.id AS ccId, cc.sectionid AS sectionId FROM cc
         JOIN sections sec ON sec.id = cc.sectionid JOIN terms t ON t.id = sec.termid AND t.schoolid = sec.schoolid
         WHERE cc.studentid = ? AND cc.sectionid > 0 AND cc.dateenrolled <= ? AND cc.dateleft > ? AND t.firstday <= ? AND t.lastday >= ?
         ORDER BY cc.id`,
      )
      .all(studentId, this.asOf, this.asOf, this.asOf, this.asOf) as Array<{ ccId: number; sectionId: number }>;
  }

  /** The first `limit` current enrolments of active students, by CC id. */
  earlyEnrolments(limit: number): Array<{ ccId: number; studentId: number; school: number }> {
    return this.db
      .prepare(
        `SELECT cc.id AS ccId, cc.studentid AS studentId, s.schoolid AS school FROM cc JOIN students s ON s.id = cc.studentid
         WHERE cc.sectionid > 0 AND s.enroll_status = 0 AND cc.dateenrolled <= ? AND cc.dateleft > ? ORDER BY cc.id LIMIT ?`,
      )
      .all(this.asOf, this.asOf, limit) as Array<{ ccId: number; studentId: number; school: number }>;
  }

  enrol(studentId: number, section: CurrentSection): void {
    const id = this.nextId('cc', 'id');
    this.db
      .prepare(`INSERT INTO cc VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(
        id,
        id + 200000,
        studentId,
        section.id,
        section.school,
        section.termid,
        section.course,
        section.number,
        this.asOf,
        dayAfter(section.lastday),
      );
  }

  drop(ccId: number): void {
    this.db.prepare(`UPDATE cc SET sectionid = -ABS(sectionid), termid = -ABS(termid) WHERE id = ?`).run(ccId);
  }

  /** Inserts an active student; returns STUDENTS.ID and the STUDENT_NUMBER (the SIS id). */
  addStudent(student: NewStudent): { id: number; sisId: string } {
    const id = this.nextId('students', 'id');
    const dcid = id + 50000;
    const number = 100000 + id;
    this.db
      .prepare(`INSERT INTO students VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, 0, 'R100', NULL)`)
      .run(id, dcid, number, `9${String(id).padStart(9, '0')}`, student.firstName, student.lastName, student.school, student.grade);
    if (student.counselor !== null) {
      this.db
        .prepare(
          `INSERT INTO u_studentsuserfields (id, studentsdcid, counselor, advisory, ell_status, counselor_dcid)
           VALUES (?, ?, ?, 'ADV-1', 'N', (SELECT dcid FROM users WHERE teachernumber = ?))`,
        )
        .run(this.nextId('u_studentsuserfields', 'id'), dcid, student.counselor, student.counselor);
    }
    return { id, sisId: String(number) };
  }

  /** The student leaves the district: transferred out, every enrolment dropped. */
  transferOut(studentId: number): void {
    for (const { ccId } of this.enrolments(studentId)) this.drop(ccId);
    this.db.prepare(`UPDATE students SET enroll_status = 2 WHERE id = ?`).run(studentId);
  }

  /** Moves a student to another school and grade, with that school's counselor; enrolments are the caller's. */
  moveStudent(studentId: number, school: number, grade: number, counselor: string | null): void {
    for (const { ccId } of this.enrolments(studentId)) this.drop(ccId);
    this.db.prepare(`UPDATE students SET schoolid = ?, grade_level = ? WHERE id = ?`).run(school, grade, studentId);
    this.db
      .prepare(`UPDATE u_studentsuserfields SET counselor = ? WHERE studentsdcid = (SELECT dcid FROM students WHERE id = ?)`)
      .run(counselor, studentId);
  }

  /** The counselor most of a school's students have (the generator gives each school one). */
  counselorOf(school: number): string | null {
    const row = this.db
      .prepare(
        `SELECT uf.counselor AS value FROM u_studentsuserfields uf JOIN students s ON s.dcid = uf.studentsdcid
         WHERE s.schoolid = ? AND uf.counselor IS NOT NULL GROUP BY uf.counselor ORDER BY COUNT(*) DESC, uf.counselor LIMIT 1`,
      )
      .get(school) as { value: string } | undefined;
    return row?.value ?? null;
  }

  /** Active students with a SIS id, by STUDENTS.ID. */
  activeStudents(): Array<{ id: number; sisId: string; school: number }> {
    return this.db
      .prepare(
        `SELECT id, CAST(student_number AS TEXT) AS sisId, schoolid AS school FROM students
         WHERE enroll_status = 0 AND student_number IS NOT NULL ORDER BY id`,
      )
      .all() as Array<{ id: number; sisId: string; school: number }>;
  }

  schools(): Array<{ number: number; low: number; high: number }> {
    return this.db
      .prepare(`SELECT school_number AS number, low_grade AS low, high_grade AS high FROM schools ORDER BY school_number`)
      .all() as Array<{ number: number; low: number; high: number }>;
  }

  /** Students enrolled today in a section (active students only). */
  sectionSize(sectionId: number): number {
    return (
      this.db
        .prepare(
          `SELECT COUNT(*) AS n FROM cc JOIN students s ON s.id = cc.studentid
           WHERE cc.sectionid = ? AND s.enroll_status = 0 AND cc.dateenrolled <= ? AND cc.dateleft > ?`,
        )
        .get(sectionId, this.asOf, this.asOf) as { n: number }
    ).n;
  }

  /** Current CC rows of a section, whatever the student's status. */
  sectionEnrolments(sectionId: number): Array<{ ccId: number; studentId: number }> {
    return this.db
      .prepare(`SELECT id AS ccId, studentid AS studentId FROM cc WHERE sectionid = ? AND dateenrolled <= ? AND dateleft > ? ORDER BY id`)
      .all(sectionId, this.asOf, this.asOf) as Array<{ ccId: number; studentId: number }>;
  }

  /** How many current sections the section's lead teacher has at its school. */
  leadTeacherLoad(sectionId: number): number {
    const row = this.db
      .prepare(
        `SELECT COUNT(*) AS n FROM sections other JOIN sections sec ON sec.teacher = other.teacher AND sec.id = ?
         JOIN terms t ON t.id = other.termid AND t.schoolid = other.schoolid WHERE t.firstday <= ? AND t.lastday >= ?`,
      )
      .get(sectionId, this.asOf, this.asOf) as { n: number };
    return row.n;
  }

  private nextId(table: string, column: string): number {
    return (this.db.prepare(`SELECT COALESCE(MAX(${column}), 0) + 1 AS id FROM ${table}`).get() as { id: number }).id;
  }
}
