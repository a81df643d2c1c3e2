import type { SimDatabase } from './database.js';
import { SCHOOL_EXPANSIONS, STUDENT_EXTENSIONS, withList, type EmptyListStyle } from './wire-format.js';

// The ws/v1 resources of the district (district, schools, and per school its students, staff
// and sections, each with `/count`), shaped as PowerSchool answers them:
// {"schools":{"@expansions":"..","school":[..]}}, a single element as an object, counts as
// {"resource":{"count":N}}.

export interface V1Resource {
  /** The outer and inner keys: {"students":{"student":[...]}}. */
  collection: string;
  item: string;
  count(db: SimDatabase, schoolId: number | undefined): number;
  page(db: SimDatabase, schoolId: number | undefined, offset: number, limit: number): unknown[];
  expansions?: string;
  extensions?: string;
}

const schoolNumberOf = (db: SimDatabase, schoolId: number | undefined): number =>
  (db.prepare('SELECT school_number AS n FROM schools WHERE id = ?').get(schoolId) as { n: number } | undefined)?.n ?? -1;

/** A per-school resource's count: the rows of `table` at the school the path names. */
const countAtSchool =
  (table: string): V1Resource['count'] =>
  (db, school) =>
    (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE schoolid = ?`).get(schoolNumberOf(db, school)) as { n: number }).n;

/** A per-school resource's page: `sql` takes the school number, LIMIT and OFFSET; `shape` writes a row as the resource. */
const pageAtSchool =
  (sql: string, shape: (row: Record<string, unknown>, schoolId: number | undefined) => unknown): V1Resource['page'] =>
  (db, school, offset, limit) =>
    (db.prepare(sql).all(schoolNumberOf(db, school), limit, offset) as Array<Record<string, unknown>>).map((row) => shape(row, school));

export const V1_RESOURCES: Record<string, V1Resource> = {
  school: {
    collection: 'schools',
    item: 'school',
    expansions: SCHOOL_EXPANSIONS,
    count: (db) => (db.prepare('SELECT COUNT(*) AS n FROM schools').get() as { n: number }).n,
    page: (db, _school, offset, limit) =>
      (
        db
          .prepare('SELECT id, school_number, name, low_grade, high_grade FROM schools ORDER BY id LIMIT ? OFFSET ?')
          .all(limit, offset) as Array<Record<string, unknown>>
      ).map((s) => ({ id: s.id, name: s.name, school_number: s.school_number, low_grade: s.low_grade, high_grade: s.high_grade })),
  },
  student: {
    collection: 'students',
    item: 'student',
    expansions: 'demographics, addresses, alerts, phones, school_enrollment, ethnicity_race, contact, contact_info',
    extensions: STUDENT_EXTENSIONS,
    count: countAtSchool('students'),
    page: pageAtSchool(
      'SELECT id, student_number, first_name, last_name FROM students WHERE schoolid = ? ORDER BY id LIMIT ? OFFSET ?',
      (s) => ({ id: s.id, local_id: s.student_number ?? undefined, name: { first_name: s.first_name, last_name: s.last_name } }),
    ),
  },
  staff: {
    collection: 'staffs',
    item: 'staff',
    expansions: 'addresses, emails, phones, school_affiliations',
    count: countAtSchool('schoolstaff'),
    page: pageAtSchool(
      `SELECT ss.id, u.dcid, u.teachernumber, u.first_name, u.last_name FROM schoolstaff ss JOIN users u ON u.dcid = ss.users_dcid
       WHERE ss.schoolid = ? ORDER BY ss.id LIMIT ? OFFSET ?`,
      (s) => ({
        id: s.id,
        users_dcid: s.dcid,
        local_id: s.teachernumber ?? undefined,
        name: { first_name: s.first_name, last_name: s.last_name },
      }),
    ),
  },
  section: {
    collection: 'sections',
    item: 'section',
    count: countAtSchool('sections'),
    page: pageAtSchool(
      'SELECT id, schoolid, course_number, termid, section_number, expression, teacher FROM sections WHERE schoolid = ? ORDER BY id LIMIT ? OFFSET ?',
      (s, school) => ({
        id: s.id,
        school_id: school,
        course_id: s.course_number,
        term_id: s.termid,
        section_number: s.section_number,
        expression: s.expression,
        staff_id: s.teacher,
      }),
    ),
  },
};

export function v1ListBody(resource: V1Resource, items: unknown[], empty: EmptyListStyle): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  if (resource.expansions) meta['@expansions'] = resource.expansions;
  if (resource.extensions) meta['@extensions'] = resource.extensions;
  if (items.length === 0 && empty !== 'missing') return withList({}, resource.collection, [], empty);
  return { [resource.collection]: withList(meta, resource.item, items, empty) };
}
