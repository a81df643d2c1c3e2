import type { SimDatabase } from './database.js';
import { athleticsTeams } from './district-values.js';
import { seededRandom, type Random } from './random.js';
import { FIRST_NAMES, LAST_NAMES } from './sample-data.js';
import { dayAfter } from './school-year.js';

// One day of a school year in a generated district: a share of the current enrolments change
// (drops, adds, moves to another section of the same course), a few students leave (transferred
// out, their enrolments dropped) and as many arrive (new students with a full schedule). Changes
// are written the way PowerSchool records them: a drop keeps its CC row with negative SECTIONID
// and TERMID and DATELEFT set to the day; an add starts on the day. Read the roster as of `day`
// to see them. Seeded, one transaction: a 50,000-student district churns in well under a second.

export interface ChurnOptions {
  seed: number;
  /** Share (0-1) of the current enrolments to change; 0.01 is a busy day. */
  share: number;
  /** YYYY-MM-DD, inside the generated school year. */
  day: string;
}

export interface ChurnReport {
  /** Enrolments current on `day` before the churn. */
  currentEnrollments: number;
  dropped: number;
  added: number;
  /** Drops followed by an add to another section, counted once. */
  moved: number;
  /** STUDENT_NUMBERs of students who left, and of those who arrived (unknown to any LMS yet). */
  leftStudents: string[];
  arrivedStudents: string[];
}

interface Enrollment {
  id: number;
  studentId: number;
  sectionId: number;
}

interface CurrentSection {
  id: number;
  school: number;
  course: string;
  number: string;
  termId: number;
  lastday: string;
}

export function churnDistrict(db: SimDatabase, options: ChurnOptions): ChurnReport {
  const random = seededRandom(options.seed);
  const day = options.day;
  return db.transaction((): ChurnReport => {
    const sections = db
      .prepare(
        `SELECT sec.id AS id, sec.schoolid AS school, sec.course_number AS course, sec.section_number AS number, sec.termid AS termId, t.lastday AS lastday
         FROM sections sec JOIN terms t ON t.id = sec.termid AND t.schoolid = sec.schoolid
         WHERE t.firstday <= @day AND t.lastday >= @day ORDER BY sec.id`,
      )
      .all({ day }) as CurrentSection[];
    const enrollments = db
      .prepare(
        `SELECT cc.id AS id, cc.studentid AS studentId, cc.sectionid AS sectionId
         FROM cc JOIN sections sec ON sec.id = cc.sectionid JOIN terms t ON t.id = sec.termid AND t.schoolid = sec.schoolid
         JOIN students s ON s.id = cc.studentid
         WHERE cc.sectionid > 0 AND cc.dateenrolled <= @day AND cc.dateleft > @day AND t.firstday <= @day AND t.lastday >= @day
           AND s.enroll_status = 0
         ORDER BY cc.id`,
      )
      .all({ day }) as Enrollment[];
    const schedule = new Schedule(db, day, sections, enrollments);
    const total = Math.round(options.share * enrollments.length);
    const drops = Math.round(total * 0.4);
    const moves = Math.round(total * 0.3);
    const report: ChurnReport = {
      currentEnrollments: enrollments.length,
      dropped: 0,
      added: 0,
      moved: 0,
      leftStudents: [],
      arrivedStudents: [],
    };

    for (let n = 0; n < total; n++) {
      if (n < drops + moves) {
        const enrollment = schedule.untouchedEnrollment(random);
        if (!enrollment) break;
        schedule.drop(enrollment);
        if (n < drops) report.dropped++;
        else if (schedule.addNear(random, enrollment)) report.moved++;
        else report.dropped++;
      } else if (schedule.addAnywhere(random, random.pick(enrollments).studentId)) {
        report.added++;
      }
    }

    const students = [...new Set(enrollments.map((e) => e.studentId))];
    const people = Math.max(1, Math.round((options.share * students.length) / 20));
    const leave = db.prepare('UPDATE students SET enroll_status = 2 WHERE id = ?');
    const numberOf = db.prepare('SELECT student_number FROM students WHERE id = ?').pluck();
    for (let n = 0; n < people && students.length > 0; n++) {
      const studentId = random.pick(students);
      if (schedule.hasLeft(studentId)) continue;
      leave.run(studentId);
      schedule.dropAll(studentId);
      report.leftStudents.push(String(numberOf.get(studentId)));
    }
    for (let n = 0; n < people; n++) report.arrivedStudents.push(arrive(db, random, schedule));
    return report;
  })();
}

/** Who is in which current section, kept up to date while the day's changes are written. */
class Schedule {
  private readonly touched = new Set<number>();
  private readonly left = new Set<number>();
  private readonly bySchool = new Map<number, CurrentSection[]>();
  private readonly byCourse = new Map<string, CurrentSection[]>();
  private readonly sectionById = new Map<number, CurrentSection>();
  private readonly sectionsOf = new Map<number, Set<number>>();
  private readonly enrollmentsOf = new Map<number, Enrollment[]>();
  private nextId: number;
  private readonly dropStatement;
  private readonly addStatement;

  constructor(
    db: SimDatabase,
    private readonly day: string,
    sections: readonly CurrentSection[],
    private readonly enrollments: readonly Enrollment[],
  ) {
    for (const section of sections) {
      this.sectionById.set(section.id, section);
      push(this.bySchool, section.school, section);
      push(this.byCourse, `${section.school}:${section.course}`, section);
    }
    for (const enrollment of enrollments) {
      push(this.enrollmentsOf, enrollment.studentId, enrollment);
      const set = this.sectionsOf.get(enrollment.studentId) ?? new Set<number>();
      set.add(enrollment.sectionId);
      this.sectionsOf.set(enrollment.studentId, set);
    }
    this.nextId = (db.prepare('SELECT COALESCE(MAX(id), 0) FROM cc').pluck().get() as number) + 1;
    this.dropStatement = db.prepare('UPDATE cc SET sectionid = -ABS(sectionid), termid = -ABS(termid), dateleft = ? WHERE id = ?');
    this.addStatement = db.prepare('INSERT INTO cc VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  }

  schoolsWithSections(): number[] {
    return [...this.bySchool.keys()];
  }

  untouchedEnrollment(random: Random): Enrollment | undefined {
    for (let tries = 0; tries < 20; tries++) {
      const enrollment = random.pick(this.enrollments);
      if (!this.touched.has(enrollment.id)) return enrollment;
    }
    return undefined;
  }

  hasLeft(studentId: number): boolean {
    return this.left.has(studentId);
  }

  drop(enrollment: Enrollment): void {
    this.touched.add(enrollment.id);
    this.dropStatement.run(this.day, enrollment.id);
    this.sectionsOf.get(enrollment.studentId)?.delete(enrollment.sectionId);
  }

  dropAll(studentId: number): void {
    this.left.add(studentId);
    for (const enrollment of this.enrollmentsOf.get(studentId) ?? []) if (!this.touched.has(enrollment.id)) this.drop(enrollment);
  }

  /** A schedule change: another section of the same course at the school, else any section there. */
  addNear(random: Random, dropped: Enrollment): boolean {
    const section = this.sectionById.get(dropped.sectionId) as CurrentSection;
    const sameCourse = (this.byCourse.get(`${section.school}:${section.course}`) ?? []).filter((s) => s.id !== section.id);
    return this.add(random, dropped.studentId, sameCourse.length > 0 ? sameCourse : (this.bySchool.get(section.school) ?? []));
  }

  /** Another section at the student's school (the school of a section they are in), or at `school`. */
  addAnywhere(random: Random, studentId: number, school?: number): boolean {
    const someSection = this.sectionById.get([...(this.sectionsOf.get(studentId) ?? [])][0] ?? -1);
    const at = school ?? someSection?.school;
    return at === undefined ? false : this.add(random, studentId, this.bySchool.get(at) ?? []);
  }

  /** Enrols the student in one of `candidates` they are not in yet; false if there is none. */
  add(random: Random, studentId: number, candidates: readonly CurrentSection[]): boolean {
    const current = this.sectionsOf.get(studentId) ?? new Set<number>();
    for (let tries = 0; tries < 10 && candidates.length > 0; tries++) {
      const section = random.pick(candidates);
      if (current.has(section.id)) continue;
      const id = this.nextId++;
      const left = dayAfter(section.lastday);
      this.addStatement.run(
        id,
        id + 200000,
        studentId,
        section.id,
        section.school,
        section.termId,
        section.course,
        section.number,
        this.day,
        left,
      );
      current.add(section.id);
      this.sectionsOf.set(studentId, current);
      return true;
    }
    return false;
  }
}

/** A new student at a random school, with the usual number of sections; returns the STUDENT_NUMBER. */
function arrive(db: SimDatabase, random: Random, schedule: Schedule): string {
  const school = random.pick(schedule.schoolsWithSections());
  const id = (db.prepare('SELECT MAX(id) FROM students').pluck().get() as number) + 1;
  const dcid = (db.prepare('SELECT MAX(dcid) FROM students').pluck().get() as number) + 1;
  const grades = db.prepare('SELECT low_grade AS low, high_grade AS high FROM schools WHERE school_number = ?').get(school) as {
    low: number;
    high: number;
  };
  const counselor = db
    .prepare(
      'SELECT u.counselor, u.counselor_dcid AS dcid FROM u_studentsuserfields u JOIN students s ON s.dcid = u.studentsdcid WHERE s.schoolid = ? AND u.counselor IS NOT NULL LIMIT 1',
    )
    .get(school) as { counselor: string; dcid: number | null } | undefined;
  const number = 100000 + id;
  db.prepare('INSERT INTO students VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    id,
    dcid,
    number,
    null,
    random.pick(FIRST_NAMES),
    null,
    random.pick(LAST_NAMES),
    school,
    random.int(grades.low, grades.high),
    0,
    `R${random.int(100, 130)}`,
    athleticsTeams(random, grades.high >= 12),
  );
  db.prepare(
    'INSERT INTO u_studentsuserfields (id, studentsdcid, counselor, advisory, ell_status, counselor_dcid) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(
    (db.prepare('SELECT COALESCE(MAX(id), 0) FROM u_studentsuserfields').pluck().get() as number) + 1,
    dcid,
    counselor?.counselor ?? null,
    `ADV-${random.int(1, 20)}`,
    random.chance(0.15) ? 'Y' : 'N',
    counselor?.dcid ?? null,
  );
  for (let k = 0; k < 6; k++) schedule.addAnywhere(random, id, school);
  return String(number);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
