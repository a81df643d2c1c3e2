import type { SimDatabase } from './database.js';
import type { Random } from './random.js';

// Records entered twice, as happens in every real SIS: a student enrolled again at another
// school under the same STUDENT_NUMBER, a staff member given a second USERS record with the
// same TEACHERNUMBER. sis-sync must count such a person once and say that the id is shared.

export interface DuplicatedPeople {
  /** STUDENT_NUMBERs held by two STUDENTS rows. */
  studentNumbers: string[];
  /** TEACHERNUMBERs held by two USERS rows. */
  teacherNumbers: string[];
}

export interface DuplicateContext {
  db: SimDatabase;
  random: Random;
  /** STUDENTS.ID and USERS.DCID written so far run 1..studentCount and 1..staffTotal. */
  studentCount: number;
  staffTotal: number;
  schoolNumbers: readonly number[];
  gradesOf: ReadonlyMap<number, { low: number; high: number }>;
  counselorBySchool: ReadonlyMap<number, string>;
  counselorDcidBySchool: ReadonlyMap<number, number>;
  /** Gives a student the generator's usual schedule at a school. */
  enrol(studentId: number, school: number, status: number): void;
}

interface StudentRow {
  student_number: number;
  first_name: string;
  last_name: string;
  schoolid: number;
}

interface UserRow {
  first_name: string;
  last_name: string;
  teachernumber: string;
  homeschoolid: number;
}

/** Alternately a student and a staff member, `count` in all; each original is an active person with an id. */
export function addDuplicates(context: DuplicateContext, count: number): DuplicatedPeople {
  const { db, random, schoolNumbers } = context;
  const duplicated: DuplicatedPeople = { studentNumbers: [], teacherNumbers: [] };
  if (count <= 0) return duplicated;
  const student = db.prepare(
    'SELECT student_number, first_name, last_name, schoolid FROM students WHERE id = ? AND enroll_status = 0 AND student_number IS NOT NULL',
  );
  const user = db.prepare(
    'SELECT first_name, last_name, teachernumber, homeschoolid FROM users WHERE dcid = ? AND teachernumber IS NOT NULL',
  );
  const insertStudent = db.prepare('INSERT INTO students VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertField = db.prepare(
    'INSERT INTO u_studentsuserfields (id, studentsdcid, counselor, advisory, ell_status, counselor_dcid) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertUser = db.prepare('INSERT INTO users VALUES (?, ?, ?, ?, ?, ?)');
  const insertStaff = db.prepare('INSERT INTO schoolstaff VALUES (?, ?, ?, ?, ?, ?)');
  let nextSchoolstaffId = (db.prepare('SELECT MAX(id) FROM schoolstaff').pluck().get() as number) + 1;
  const otherSchool = (school: number) => schoolNumbers[(schoolNumbers.indexOf(school) + 1) % schoolNumbers.length] as number;

  for (let n = 0; n < count; n++) {
    if (n % 2 === 0) {
      const original = pickRow<StudentRow>(random, student, context.studentCount);
      if (!original) continue;
      const id = context.studentCount + duplicated.studentNumbers.length + 1;
      const school = otherSchool(original.schoolid);
      const grades = context.gradesOf.get(school) as { low: number; high: number };
      insertStudent.run(
        id,
        id + 50000,
        original.student_number,
        null,
        original.first_name,
        null,
        original.last_name,
        school,
        random.int(grades.low, grades.high),
        0,
        `R${random.int(100, 130)}`,
        null,
      );
      insertField.run(
        id,
        id + 50000,
        context.counselorBySchool.get(school) ?? null,
        `ADV-${random.int(1, 20)}`,
        'N',
        context.counselorDcidBySchool.get(school) ?? null,
      );
      context.enrol(id, school, 0);
      duplicated.studentNumbers.push(String(original.student_number));
    } else {
      const original = pickRow<UserRow>(random, user, context.staffTotal);
      if (!original) continue;
      const dcid = context.staffTotal + duplicated.teacherNumbers.length + 1;
      const school = otherSchool(original.homeschoolid);
      insertUser.run(dcid, original.first_name, original.last_name, null, original.teachernumber, school);
      // Office staff at the other school: enough to make them a viewer there under the example rules.
      insertStaff.run(nextSchoolstaffId, nextSchoolstaffId + 70000, dcid, school, 1, 2);
      nextSchoolstaffId++;
      duplicated.teacherNumbers.push(original.teachernumber);
    }
  }
  return duplicated;
}

/** A random row among ids 1..max that the statement accepts; a few tries, as most rows qualify. */
function pickRow<T>(random: Random, statement: { get(id: number): unknown }, max: number): T | undefined {
  for (let tries = 0; tries < 50; tries++) {
    const row = statement.get(random.int(1, max)) as T | undefined;
    if (row) return row;
  }
  return undefined;
}
