import type { AspirEduSimModel } from '../../src/sim/aspiredu/model.js';
import type { SimDatabase } from '../../src/sim/powerschool/database.js';
import { seededRandom, type Random } from '../../src/sim/powerschool/random.js';
import { FIRST_NAMES, LAST_NAMES } from '../../src/sim/powerschool/sample-data.js';
import type { ChurnRates } from '../options.js';
import { DistrictEdits, type CurrentSection } from './district-edits.js';

// One school day of change in the district, drawn from the soak's seeded random numbers:
// enrolments added, dropped and moved, students arriving (known to AspirEDU the same day, or
// now and then days later, as a new enrolment not yet in the LMS), leaving and changing school,
// and small sections cancelled. Ordinary churn: nothing the safety guard should hold.

export interface ChurnCounts {
  enrolmentsAdded: number;
  enrolmentsDropped: number;
  arrivals: number;
  unknownArrivals: number;
  becameKnown: number;
  leavers: number;
  schoolMoves: number;
  sectionsCancelled: number;
}

export interface UnknownStudent {
  sisId: string;
  arrivedDay: number;
  knownFromDay: number;
}

export class DistrictChurn {
  readonly counts: ChurnCounts = {
    enrolmentsAdded: 0,
    enrolmentsDropped: 0,
    arrivals: 0,
    unknownArrivals: 0,
    becameKnown: 0,
    leavers: 0,
    schoolMoves: 0,
    sectionsCancelled: 0,
  };
  /** Every student AspirEDU did not know on arrival, by SIS id. */
  readonly unknown = new Map<string, UnknownStudent>();
  private readonly edits: DistrictEdits;
  /** The day's own stream (see seeded.ts), set by `apply`. */
  private random: Random = seededRandom(0);

  constructor(
    db: SimDatabase,
    asOf: string,
    private readonly aspiredu: AspirEduSimModel,
    private readonly rates: ChurnRates,
  ) {
    this.edits = new DistrictEdits(db, asOf);
  }

  /** AspirEDU learns about the students whose day has come. */
  learnAboutUnknownStudents(day: number): string[] {
    const learnt: string[] = [];
    for (const student of this.unknown.values()) {
      if (student.knownFromDay !== day) continue;
      this.aspiredu.addUser('student', { sisId: student.sisId });
      learnt.push(student.sisId);
      this.counts.becameKnown++;
    }
    return learnt;
  }

  /** Students AspirEDU does not know yet. */
  stillUnknown(day: number): string[] {
    return [...this.unknown.values()].filter((s) => s.knownFromDay > day).map((s) => s.sisId);
  }

  /** The day's changes; `allowUnknown` is false near the end, so that every unknown student is known before the checks. */
  apply(day: number, random: Random, allowUnknown: boolean): void {
    this.random = random;
    const changes = this.random.int(1, this.rates.maxEnrolmentChanges);
    for (let i = 0; i < changes; i++) this.changeEnrolment();
    if (this.random.chance(this.rates.arrival)) this.arrive(day, false);
    if (this.random.chance(this.rates.unknownArrival) && allowUnknown) this.arrive(day, true);
    if (this.random.chance(this.rates.leaving)) this.leave();
    if (this.random.chance(this.rates.schoolMove)) this.moveSchool();
    if (this.random.chance(this.rates.sectionCancelled)) this.cancelSection();
  }

  /**
   * A registrar moves a student to another section while sis-sync reads: one of the first
   * enrolments (by CC id) is dropped and a new one added at the end, so the rows after it shift
   * by one between two pages while their number stays the same.
   */
  moveEarlyEnrolment(random: Random): void {
    this.random = random;
    const early = this.edits.earlyEnrolments(40);
    if (early.length === 0) return;
    const { ccId, studentId, school } = this.random.pick(early);
    const current = new Set(this.edits.enrolments(studentId).map((e) => e.sectionId));
    this.edits.drop(ccId);
    this.counts.enrolmentsDropped++;
    this.enrolSomewhere(studentId, school, current, 1);
  }

  private changeEnrolment(): void {
    const student = this.pickStudent();
    if (!student) return;
    const kind = this.random.pick(['add', 'drop', 'move'] as const);
    const current = this.edits.enrolments(student.id);
    if ((kind === 'drop' || kind === 'move') && current.length > 1) {
      this.edits.drop(this.random.pick(current).ccId);
      this.counts.enrolmentsDropped++;
    }
    if (kind === 'add' || kind === 'move') this.enrolSomewhere(student.id, student.school, new Set(current.map((c) => c.sectionId)), 1);
  }

  private arrive(day: number, unknown: boolean): void {
    const school = this.random.pick(this.edits.schools());
    const { id, sisId } = this.edits.addStudent({
      school: school.number,
      grade: this.random.int(school.low, school.high),
      firstName: this.random.pick(FIRST_NAMES),
      lastName: this.random.pick(LAST_NAMES),
      counselor: this.random.chance(0.9) ? this.edits.counselorOf(school.number) : null,
    });
    this.enrolSomewhere(id, school.number, new Set(), this.random.int(4, 6));
    if (unknown) {
      this.unknown.set(sisId, { sisId, arrivedDay: day, knownFromDay: day + this.random.int(2, 8) });
      this.counts.unknownArrivals++;
    } else {
      this.aspiredu.addUser('student', { sisId });
      this.counts.arrivals++;
    }
  }

  private leave(): void {
    const student = this.pickStudent();
    if (!student) return;
    this.edits.transferOut(student.id);
    this.counts.leavers++;
  }

  private moveSchool(): void {
    const student = this.pickStudent();
    const others = this.edits.schools().filter((s) => s.number !== student?.school);
    if (!student || others.length === 0) return;
    const school = this.random.pick(others);
    this.edits.moveStudent(student.id, school.number, this.random.int(school.low, school.high), this.edits.counselorOf(school.number));
    this.enrolSomewhere(student.id, school.number, new Set(), this.random.int(4, 6));
    this.counts.schoolMoves++;
  }

  /**
   * A small section (15 students at most) of a teacher with at least three current sections is
   * cancelled; its students go to other sections of the school. The teacher keeps most of their
   * class list, so the guard's per-dashboard limit has no reason to hold the run.
   */
  private cancelSection(): void {
    const school = this.random.pick(this.edits.schools());
    const sections = this.edits.currentSections(school.number);
    const candidates = sections.filter((s) => {
      const size = this.edits.sectionSize(s.id);
      return size > 0 && size <= 15 && this.edits.leadTeacherLoad(s.id) >= 3;
    });
    // Computer science first: most CS teachers have one such section, so their CS dashboard empties.
    const cs = candidates.filter((s) => s.course.startsWith('CSC'));
    const preferCs = this.random.chance(0.7);
    const pool = preferCs && cs.length > 0 ? cs : candidates;
    const section = pool.length > 0 ? this.random.pick(pool) : undefined;
    if (!section) return;
    for (const { ccId, studentId } of this.edits.sectionEnrolments(section.id)) {
      this.edits.drop(ccId);
      this.counts.enrolmentsDropped++;
      const current = new Set(this.edits.enrolments(studentId).map((e) => e.sectionId));
      current.add(section.id);
      this.enrolSomewhere(studentId, school.number, current, 1);
    }
    this.counts.sectionsCancelled++;
  }

  /** Enrols a student in `count` current sections of the school they are not in yet. */
  private enrolSomewhere(studentId: number, school: number, exclude: ReadonlySet<number>, count: number): void {
    const open: CurrentSection[] = this.edits.currentSections(school).filter((s) => !exclude.has(s.id));
    for (let i = 0; i < count && open.length > 0; i++) {
      const [section] = open.splice(this.random.int(0, open.length - 1), 1) as [CurrentSection];
      this.edits.enrol(studentId, section);
      this.counts.enrolmentsAdded++;
    }
  }

  /**
   * An active student with a SIS id. Students AspirEDU does not know yet churn like the others:
   * all student dashboards travel in one upload, so moving one never makes them "new" again.
   */
  private pickStudent(): { id: number; sisId: string; school: number } | undefined {
    const students = this.edits.activeStudents();
    return students.length > 0 ? this.random.pick(students) : undefined;
  }
}
