import Database from 'better-sqlite3';

// The simulator's PowerSchool: a SQLite database shaped like the PowerSchool tables the plugin
// reads (a subset of their columns), so that the plugin's SQL runs on it unchanged. Dates are
// TEXT 'YYYY-MM-DD'; Oracle functions the SQL uses are registered as SQLite functions.
// PowerSchool quirks kept: SCHOOLID columns hold SCHOOL_NUMBER; TERMS.ID repeats per school;
// SECTIONS.TEACHER and SECTIONTEACHER.TEACHERID are SCHOOLSTAFF.ID; a dropped CC row keeps a
// negative SECTIONID.

export type SimDatabase = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS schools (
  id INTEGER PRIMARY KEY, dcid INTEGER UNIQUE, school_number INTEGER UNIQUE, name TEXT, abbreviation TEXT,
  low_grade INTEGER, high_grade INTEGER);
CREATE TABLE IF NOT EXISTS students (
  id INTEGER PRIMARY KEY, dcid INTEGER UNIQUE, student_number INTEGER, state_studentnumber TEXT,
  first_name TEXT, middle_name TEXT, last_name TEXT, schoolid INTEGER, grade_level INTEGER, enroll_status INTEGER,
  home_room TEXT, team TEXT);
CREATE TABLE IF NOT EXISTS u_studentsuserfields (
  id INTEGER PRIMARY KEY, studentsdcid INTEGER UNIQUE, counselor TEXT, advisory TEXT, ell_status TEXT, counselor_dcid INTEGER);
CREATE TABLE IF NOT EXISTS users (
  dcid INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, email_addr TEXT, teachernumber TEXT, homeschoolid INTEGER);
CREATE TABLE IF NOT EXISTS schoolstaff (
  id INTEGER PRIMARY KEY, dcid INTEGER UNIQUE, users_dcid INTEGER, schoolid INTEGER, status INTEGER, staffstatus INTEGER);
CREATE TABLE IF NOT EXISTS courses (
  id INTEGER PRIMARY KEY, dcid INTEGER UNIQUE, course_number TEXT UNIQUE, course_name TEXT);
CREATE TABLE IF NOT EXISTS terms (
  dcid INTEGER PRIMARY KEY, id INTEGER, schoolid INTEGER, yearid INTEGER, name TEXT, abbreviation TEXT,
  firstday TEXT, lastday TEXT, isyearrec INTEGER, portion INTEGER, UNIQUE (id, schoolid));
CREATE TABLE IF NOT EXISTS sections (
  id INTEGER PRIMARY KEY, dcid INTEGER UNIQUE, schoolid INTEGER, course_number TEXT, section_number TEXT,
  termid INTEGER, teacher INTEGER, expression TEXT);
CREATE TABLE IF NOT EXISTS sectionteacher (
  id INTEGER PRIMARY KEY, sectionid INTEGER, teacherid INTEGER, roleid INTEGER, start_date TEXT, end_date TEXT,
  priorityorder INTEGER);
CREATE TABLE IF NOT EXISTS cc (
  id INTEGER PRIMARY KEY, dcid INTEGER UNIQUE, studentid INTEGER, sectionid INTEGER, schoolid INTEGER, termid INTEGER,
  course_number TEXT, section_number TEXT, dateenrolled TEXT, dateleft TEXT);
CREATE INDEX IF NOT EXISTS schoolstaff_users ON schoolstaff (users_dcid);
CREATE INDEX IF NOT EXISTS sectionteacher_section ON sectionteacher (sectionid);
CREATE INDEX IF NOT EXISTS cc_student ON cc (studentid);
-- The sections query matches a course number ignoring case when no course has it exactly.
CREATE INDEX IF NOT EXISTS courses_number_any_case ON courses (UPPER(course_number));
`;

/** Opens (or creates) a simulator database; ':memory:' by default. */
export function openSimDatabase(path = ':memory:'): SimDatabase {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(SCHEMA);
  registerOracleFunctions(db);
  return db;
}

/** Oracle functions the plugin's SQL uses, with Oracle's meaning for the formats it uses. */
export function registerOracleFunctions(db: SimDatabase): void {
  db.function('TO_DATE', { deterministic: true }, (value: unknown, format: unknown) => {
    if (value === null) return null;
    if (format !== 'YYYY-MM-DD') throw new Error(`TO_DATE: the simulator knows only the format 'YYYY-MM-DD', not ${String(format)}`);
    const text = String(value);
    // Oracle raises ORA-01861 / ORA-01847 for a value that does not fit the format.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) {
      throw new Error(`ORA-01861: literal does not match format string (${text})`);
    }
    return text;
  });
}

/** Column names of a table, lower case; empty when there is no such table. */
export function tableColumns(db: SimDatabase, table: string): string[] {
  if (!/^[a-z_][a-z0-9_]*$/i.test(table)) return [];
  return (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name.toLowerCase());
}
