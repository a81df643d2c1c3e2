import type { SimDatabase } from './database.js';
import { addDuplicates, type DuplicatedPeople } from './district-duplicates.js';
import { asciiSlug, ATHLETICS_TEAMS, athleticsTeams, courseNumber, distinctLastName, STATUS_WEIGHTS, weighted } from './district-values.js';
import { seededRandom } from './random.js';
import { COURSES, FIRST_NAMES, LAST_NAMES, PLACE_NAMES, SCHOOL_KINDS } from './sample-data.js';
import { dayAfter, schoolYearAround, todayIso, type SchoolYear, type SimTerm } from './school-year.js';

// Fills a simulator database with a deterministic district: schools, students (most active,
// some pre-registered, inactive, transferred out or graduated), a custom-field extension, staff
// keyed on USERS with SCHOOLSTAFF per school (some teachers at two schools), courses, sections
// with co-teachers, and CC enrolments, some dropped. Everything is inserted in one transaction
// with prepared statements: a 50,000-student district takes seconds.

export interface DistrictOptions {
  seed?: number;
  schools?: number;
  students?: number;
  teachers?: number;
  /** Non-teaching staff (office, lunch, substitutes), spread over the schools. */
  otherStaff?: number;
  sectionsPerTeacher?: number;
  enrollmentsPerStudent?: number;
  /** The school year is built around this day (YYYY-MM-DD); today by default. */
  today?: string;
  /** Share of teachers who also work at a second school. */
  twoSchoolTeacherShare?: number;
  /**
   * Give staff who would share a first and last name a double-barrelled last name instead, so
   * that a district of thousands has only a few homonyms. Off by default: the small districts
   * of the tests and the demo keep the names they always had.
   */
  distinctStaffNames?: boolean;
  /**
   * Records entered twice, as registrars do: students with a second STUDENTS row (same
   * STUDENT_NUMBER and name, at another school) and staff with a second USERS row (same
   * TEACHERNUMBER). Alternately a student and a staff member; none by default.
   */
  duplicates?: number;
}

export interface DistrictFacts {
  schoolYear: SchoolYear;
  schoolNumbers: number[];
  /** A teacher with SCHOOLSTAFF records, and sections, at two schools. */
  twoSchoolTeacher: { usersDcid: number; schoolNumbers: [number, number] };
  /** An active student's dropped enrolment in a section that is current all year. */
  droppedEnrollment: { studentId: number; sectionId: number };
  /** An active student without a STUDENT_NUMBER. */
  studentWithoutNumber: number;
  /** A teacher (USERS.DCID) without a TEACHERNUMBER. */
  teacherWithoutNumber: number;
  /**
   * Staff numbers the example mapping rules need: a coach per athletics team (teachers at the
   * first high school), and an ELL coordinator. Students' COUNSELOR names a counsellor's
   * TEACHERNUMBER, COUNSELOR_DCID the same counsellor's USERS.DCID, TEAM lists athletics teams separated by ";", ELL_STATUS is Y or N.
   */
  coaches: Record<string, string>;
  ellCoordinator: string | undefined;
  /** STUDENT_NUMBERs and TEACHERNUMBERs that two records share (`duplicates`). */
  duplicated: DuplicatedPeople;
  /** Rows written, duplicates included. */
  counts: { students: number; staff: number; sections: number; enrollments: number };
}

interface Staffer {
  schoolstaffId: number;
  usersDcid: number;
  school: number;
}

export function generateDistrict(db: SimDatabase, options: DistrictOptions = {}): DistrictFacts {
  const random = seededRandom(options.seed ?? 1);
  const schoolCount = Math.max(1, options.schools ?? 3);
  const studentCount = options.students ?? 300;
  const teacherCount = Math.max(schoolCount, options.teachers ?? Math.ceil(studentCount / 22));
  const otherStaff = options.otherStaff ?? Math.ceil(teacherCount / 4);
  const sectionsPerTeacher = options.sectionsPerTeacher ?? 5;
  const enrollmentsPerStudent = options.enrollmentsPerStudent ?? 6;
  const year = schoolYearAround(options.today ?? todayIso());
  const terms = [year.year, year.s1, year.s2];
  const twoSchoolEvery = Math.max(2, Math.round(1 / (options.twoSchoolTeacherShare ?? 0.05)));

  const insert = {
    school: db.prepare('INSERT INTO schools VALUES (?, ?, ?, ?, ?, ?, ?)'),
    term: db.prepare('INSERT INTO terms VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    student: db.prepare('INSERT INTO students VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    userField: db.prepare(
      'INSERT INTO u_studentsuserfields (id, studentsdcid, counselor, advisory, ell_status, counselor_dcid) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    user: db.prepare('INSERT INTO users VALUES (?, ?, ?, ?, ?, ?)'),
    schoolstaff: db.prepare('INSERT INTO schoolstaff VALUES (?, ?, ?, ?, ?, ?)'),
    course: db.prepare('INSERT INTO courses VALUES (?, ?, ?, ?)'),
    section: db.prepare('INSERT INTO sections VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    sectionTeacher: db.prepare('INSERT INTO sectionteacher VALUES (?, ?, ?, ?, ?, ?, ?)'),
    cc: db.prepare('INSERT INTO cc VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
  };

  return db.transaction((): DistrictFacts => {
    const schoolNumbers: number[] = [];
    const gradesOf = new Map<number, { low: number; high: number }>();
    let termDcid = 1;
    for (let s = 0; s < schoolCount; s++) {
      const kind = SCHOOL_KINDS[s % SCHOOL_KINDS.length] as (typeof SCHOOL_KINDS)[number];
      const place = PLACE_NAMES[s % PLACE_NAMES.length] as string;
      const round = Math.floor(s / PLACE_NAMES.length);
      const number = (s + 1) * 100;
      insert.school.run(
        s + 1,
        s + 5001,
        number,
        `${place}${round ? ` ${round + 1}` : ''} ${kind.suffix}`,
        `${kind.abbreviation}${s + 1}`,
        kind.low,
        kind.high,
      );
      schoolNumbers.push(number);
      gradesOf.set(number, { low: kind.low, high: kind.high });
      for (const t of terms)
        insert.term.run(termDcid++, t.id, number, year.yearId, t.name, t.abbreviation, t.firstday, t.lastday, t.isyearrec, t.portion);
    }

    let courseId = 1;
    for (const [prefix, name] of COURSES) {
      for (let grade = 0; grade <= 12; grade++) {
        insert.course.run(courseId, courseId + 8000, courseNumber(prefix, grade), `${name} ${grade === 0 ? 'K' : grade}`);
        courseId++;
      }
    }

    // Staff: one USERS row per person, one SCHOOLSTAFF row per school they work at.
    const teachersBySchool = new Map<number, Staffer[]>(schoolNumbers.map((n) => [n, []]));
    let schoolstaffId = 1;
    const addSchoolStaff = (usersDcid: number, school: number, staffstatus: number, active: boolean): Staffer => {
      const id = schoolstaffId++;
      insert.schoolstaff.run(id, id + 70000, usersDcid, school, active ? 1 : 2, staffstatus);
      return { schoolstaffId: id, usersDcid, school };
    };
    let twoSchoolTeacher: DistrictFacts['twoSchoolTeacher'] | undefined;
    let teacherWithoutNumber = 0;
    // One counsellor per school: its first office staff member with a number.
    const counselorBySchool = new Map<number, string>();
    const counselorDcidBySchool = new Map<number, number>();
    const coaches: Record<string, string> = {};
    let ellCoordinator: string | undefined;
    const firstHighSchool = schoolNumbers.find((n) => (gradesOf.get(n)?.high ?? 0) >= 12);
    const staffTotal = teacherCount + otherStaff;
    const staffNames = new Set<string>();
    for (let u = 1; u <= staffTotal; u++) {
      const isTeacher = u <= teacherCount;
      const school = schoolNumbers[(u - 1) % schoolCount] as number;
      const first = random.pick(FIRST_NAMES);
      const picked = random.pick(LAST_NAMES);
      const last = options.distinctStaffNames ? distinctLastName(random, staffNames, first, picked) : picked;
      // Teacher 2 never has a number, so that tests can find one; a few others lack one too.
      const withoutNumber = u === 2 || random.chance(0.02);
      if (isTeacher && withoutNumber && !teacherWithoutNumber) teacherWithoutNumber = u;
      const email = random.chance(0.03) ? null : `${asciiSlug(first)}.${asciiSlug(last)}${u}@district.example`;
      const number = withoutNumber ? null : `T${String(u).padStart(5, '0')}`;
      insert.user.run(u, first, last, email, number, school);
      const staffstatus = isTeacher ? 1 : ([2, 2, 3, 4][u % 4] as number);
      if (number && staffstatus === 2 && !counselorBySchool.has(school)) {
        counselorBySchool.set(school, number);
        counselorDcidBySchool.set(school, u);
      } else if (number && staffstatus === 2) ellCoordinator ??= number;
      const coachless = ATHLETICS_TEAMS.find((team) => !coaches[team]);
      if (number && isTeacher && school === firstHighSchool && coachless) coaches[coachless] = number;
      const staffer = addSchoolStaff(u, school, staffstatus, !random.chance(0.03));
      if (!isTeacher) continue;
      (teachersBySchool.get(school) as Staffer[]).push(staffer);
      if (schoolCount > 1 && u % twoSchoolEvery === 1) {
        const other = schoolNumbers[u % schoolCount] as number;
        (teachersBySchool.get(other) as Staffer[]).push(addSchoolStaff(u, other, 1, true));
        twoSchoolTeacher ??= { usersDcid: u, schoolNumbers: [school, other] };
      }
    }

    // Sections, each with its lead teacher in SECTIONTEACHER, some with a co-teacher.
    const sectionsBySchool = new Map<number, Array<{ id: number; term: SimTerm; course: string; number: string }>>(
      schoolNumbers.map((n) => [n, []]),
    );
    let sectionId = 1;
    let sectionTeacherId = 1;
    const sectionNumbers = new Map<string, number>();
    for (const school of schoolNumbers) {
      const grades = gradesOf.get(school) as { low: number; high: number };
      const teachers = teachersBySchool.get(school) as Staffer[];
      for (const teacher of teachers) {
        for (let period = 1; period <= sectionsPerTeacher; period++) {
          const term = random.chance(0.5) ? year.year : random.chance(0.5) ? year.s1 : year.s2;
          const course = courseNumber(random.pick(COURSES)[0], random.int(grades.low, grades.high));
          const key = `${school}:${course}`;
          const number = String((sectionNumbers.get(key) ?? 0) + 1);
          sectionNumbers.set(key, Number(number));
          const id = sectionId++;
          insert.section.run(id, id + 90000, school, course, number, term.id, teacher.schoolstaffId, `${period}(A)`);
          insert.sectionTeacher.run(sectionTeacherId++, id, teacher.schoolstaffId, 1, term.firstday, term.lastday, 1);
          const coTeacher = teachers.length > 1 && random.chance(0.1) ? random.pick(teachers) : undefined;
          if (coTeacher && coTeacher.usersDcid !== teacher.usersDcid) {
            insert.sectionTeacher.run(sectionTeacherId++, id, coTeacher.schoolstaffId, 2, term.firstday, term.lastday, 2);
          }
          (sectionsBySchool.get(school) as Array<{ id: number; term: SimTerm; course: string; number: string }>).push({
            id,
            term,
            course,
            number,
          });
        }
      }
    }

    // Students and their enrolments. Students who left keep their CC rows, dropped.
    let ccId = 1;
    let droppedEnrollment: DistrictFacts['droppedEnrollment'] | undefined;
    let studentWithoutNumber = 0;
    const enrol = (id: number, school: number, status: number): void => {
      const sections = sectionsBySchool.get(school) ?? [];
      const chosen = new Set<number>();
      for (let k = 0; k < Math.min(enrollmentsPerStudent, sections.length); k++) {
        const section = random.pick(sections);
        if (chosen.has(section.id)) continue;
        chosen.add(section.id);
        const plantDrop = !droppedEnrollment && status === 0 && section.term === year.year;
        const dropped = status !== 0 && status !== -1 ? true : plantDrop || random.chance(0.03);
        // The planted drop keeps its original DATELEFT, as a drop recorded before the term began
        // does: only its negative SECTIONID says it was dropped.
        const left = dropped && !plantDrop ? dayAfter(section.term.firstday, 10) : dayAfter(section.term.lastday);
        insert.cc.run(
          ccId,
          ccId + 200000,
          id,
          dropped ? -section.id : section.id,
          school,
          dropped ? -section.term.id : section.term.id,
          section.course,
          section.number,
          section.term.firstday,
          left,
        );
        ccId++;
        if (plantDrop) droppedEnrollment = { studentId: id, sectionId: section.id };
      }
    };
    for (let id = 1; id <= studentCount; id++) {
      const school = schoolNumbers[(id - 1) % schoolCount] as number;
      const grades = gradesOf.get(school) as { low: number; high: number };
      const status = id <= schoolCount ? 0 : weighted(random, STATUS_WEIGHTS);
      const withoutNumber = (id === 1 || random.chance(0.01)) && status === 0;
      if (withoutNumber && !studentWithoutNumber) studentWithoutNumber = id;
      const dcid = id + 50000;
      const first = random.pick(FIRST_NAMES);
      const last = random.pick(LAST_NAMES);
      insert.student.run(
        id,
        dcid,
        withoutNumber ? null : 100000 + id,
        random.chance(0.05) ? null : `9${String(id).padStart(9, '0')}`,
        first,
        random.chance(0.5) ? random.pick(FIRST_NAMES) : null,
        last,
        school,
        random.int(grades.low, grades.high),
        status,
        `R${random.int(100, 130)}`,
        athleticsTeams(random, grades.high >= 12),
      );
      if (!random.chance(0.1)) {
        insert.userField.run(
          id,
          dcid,
          counselorBySchool.get(school) ?? null,
          `ADV-${random.int(1, 20)}`,
          random.chance(0.15) ? 'Y' : 'N',
          counselorDcidBySchool.get(school) ?? null,
        );
      }
      enrol(id, school, status);
    }
    const duplicated = addDuplicates(
      { db, random, studentCount, staffTotal, schoolNumbers, gradesOf, counselorBySchool, counselorDcidBySchool, enrol },
      options.duplicates ?? 0,
    );

    if (!twoSchoolTeacher && schoolCount > 1) throw new Error('district generator: no teacher at two schools; raise twoSchoolTeacherShare');
    if (!droppedEnrollment) throw new Error('district generator: no dropped enrolment was planted; add students or sections');
    return {
      schoolYear: year,
      schoolNumbers,
      twoSchoolTeacher: twoSchoolTeacher ?? { usersDcid: 0, schoolNumbers: [schoolNumbers[0] as number, schoolNumbers[0] as number] },
      droppedEnrollment,
      studentWithoutNumber,
      teacherWithoutNumber,
      coaches,
      ellCoordinator,
      duplicated,
      counts: {
        students: studentCount + duplicated.studentNumbers.length,
        staff: staffTotal + duplicated.teacherNumbers.length,
        sections: sectionId - 1,
        enrollments: ccId - 1,
      },
    };
  })();
}
