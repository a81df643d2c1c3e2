import { loadConfig } from '../config/load.js';
import { loadQueryCatalog } from '../sources/powerschool/queries/catalog.js';
import { accessRequestFields } from '../sources/powerschool/queries/plugin-files.js';
import type { FieldRef } from '../sources/powerschool/queries/query-definition.js';
import { parseStudentFields, type StudentField } from '../sources/powerschool/queries/student-fields.js';
import { openSimDatabase } from './powerschool/database.js';
import { generateDistrict, type DistrictFacts, type DistrictOptions } from './powerschool/district-generator.js';

// The district of the embedded default: `sis-sync demo`, and the simulators of the compose demo
// stack. Generation is seeded, so every process that generates it gets the same people: the
// AspirEDU simulator knows the ids the PowerSchool simulator serves, but for a few students it
// is kept from knowing, so that the demo shows missing users.

export const DEMO_DISTRICT: DistrictOptions = { seed: 2026, schools: 3, students: 240, teachers: 24, otherStaff: 9 };

/** Students the simulated AspirEDU does not know (new enrolments not yet in the LMS). */
export const DEMO_UNKNOWN_STUDENTS = 2;

export interface DemoPeople {
  facts: DistrictFacts;
  /** SIS ids (STUDENT_NUMBER) of every student, and (TEACHERNUMBER) of every staff member. */
  students: string[];
  staff: string[];
  /** Active students AspirEDU should not know. */
  unknownStudents: string[];
}

export function demoPeople(options: DistrictOptions = DEMO_DISTRICT): DemoPeople {
  const db = openSimDatabase();
  try {
    const facts = generateDistrict(db, options);
    const column = (sql: string) => (db.prepare(sql).all() as Array<{ id: string | number }>).map((r) => String(r.id));
    const students = column('SELECT student_number AS id FROM students WHERE student_number IS NOT NULL ORDER BY id');
    const staff = column('SELECT teachernumber AS id FROM users WHERE teachernumber IS NOT NULL ORDER BY id');
    const unknownStudents = column(
      `SELECT student_number AS id FROM students WHERE student_number IS NOT NULL AND enroll_status = 0 ORDER BY id DESC LIMIT ${DEMO_UNKNOWN_STUDENTS}`,
    );
    return { facts, students, staff, unknownStudents };
  } finally {
    db.close();
  }
}

/** Who the simulated AspirEDU knows for the demo district. */
export function demoAspirEduUsers(people: DemoPeople = demoPeople()): {
  students: Array<{ sisId: string }>;
  viewers: Array<{ sisId: string }>;
} {
  const unknown = new Set(people.unknownStudents);
  return {
    students: people.students.filter((id) => !unknown.has(id)).map((sisId) => ({ sisId })),
    viewers: people.staff.map((sisId) => ({ sisId })),
  };
}

/**
 * The plugin's access_request for a configuration: the shipped queries' fields plus those of
 * its powerschool.studentFields, as `npm run plugin -- --config <file>` builds it. The demo's
 * PowerSchool simulator grants exactly these, like a district that installed that plugin.
 */
export function pluginAccessFor(configFile: string): FieldRef[] {
  const { settings } = loadConfig({ file: configFile, env: {} });
  const fields = parseStudentFields(settings.powerschool.studentFields) as StudentField[];
  return accessRequestFields(loadQueryCatalog().queries, fields);
}
