import { WHOLE_KEY_RANGE } from '../../../src/sources/powerschool/queries/query-args.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loadQueryCatalog, ROSTER_QUERIES } from '../../../src/sources/powerschool/queries/catalog.js';
import { openSimDatabase, type SimDatabase } from '../../../src/sim/powerschool/database.js';
import { churnDistrict } from '../../../src/sim/powerschool/district-churn.js';
import { generateDistrict } from '../../../src/sim/powerschool/district-generator.js';
import { PowerQueryRunner } from '../../../src/sim/powerschool/powerquery-runner.js';

// A day of churn, seen the way sis-sync sees it: through the plugin's PowerQueries as of the day.

const DAY = '2024-10-01';
const catalog = loadQueryCatalog();
const ARGS = { as_of_date: DAY, enroll_statuses: ',0,', school_numbers: ',*,', ...WHOLE_KEY_RANGE };
let dbs: SimDatabase[] = [];

afterEach(() => {
  dbs.forEach((db) => db.close());
  dbs = [];
});

function district(): SimDatabase {
  const db = openSimDatabase();
  dbs.push(db);
  generateDistrict(db, { seed: 3, schools: 4, students: 1200, today: DAY });
  return db;
}

/** "studentId:sectionId" of every enrolment the enrolments PowerQuery returns as of the day. */
function enrolments(db: SimDatabase): Set<string> {
  const query = catalog.get(ROSTER_QUERIES.enrollments);
  const runner = new PowerQueryRunner(db);
  const count = runner.count(query, ARGS);
  return new Set(runner.page(query, ARGS, 1, count).map((row) => `${row.student_id}:${row.section_id}`));
}

function activeStudents(db: SimDatabase): Set<string> {
  const query = catalog.get(ROSTER_QUERIES.students);
  const runner = new PowerQueryRunner(db);
  return new Set(runner.page(query, ARGS, 1, runner.count(query, ARGS)).map((row) => row.student_number ?? `key ${row.student_id}`));
}

describe('churnDistrict', () => {
  it('changes about the given share of current enrolments: drops, adds and moves, seen as of the day', () => {
    const db = district();
    const before = enrolments(db);
    const report = churnDistrict(db, { seed: 1, share: 0.05, day: DAY });
    const after = enrolments(db);
    expect(report.currentEnrollments).toBe(before.size);
    const gone = [...before].filter((e) => !after.has(e));
    const come = [...after].filter((e) => !before.has(e));
    expect(report.dropped).toBeGreaterThan(0);
    expect(report.added).toBeGreaterThan(0);
    expect(report.moved).toBeGreaterThan(0);
    const changes = report.dropped + report.added + report.moved;
    expect(changes).toBeGreaterThanOrEqual(Math.floor(0.05 * before.size * 0.9));
    expect(changes).toBeLessThanOrEqual(Math.ceil(0.05 * before.size));
    // Drops and moves take an enrolment away; leavers take all of theirs.
    expect(gone.length).toBeGreaterThanOrEqual(report.dropped + report.moved);
    // Adds and moves bring one; arrivals bring a schedule each.
    expect(come.length).toBeGreaterThanOrEqual(report.added + report.moved + report.arrivedStudents.length);
  });

  it('lets a few students leave and as many arrive, with a schedule from the day on', () => {
    const db = district();
    const before = activeStudents(db);
    const report = churnDistrict(db, { seed: 2, share: 0.05, day: DAY });
    const after = activeStudents(db);
    expect(report.leftStudents.length).toBeGreaterThan(0);
    expect(report.arrivedStudents).toHaveLength(report.leftStudents.length);
    for (const number of report.leftStudents) {
      expect(before.has(number)).toBe(true);
      expect(after.has(number)).toBe(false);
    }
    const enrolled = enrolments(db);
    for (const number of report.arrivedStudents) {
      expect(before.has(number)).toBe(false);
      expect(after.has(number)).toBe(true);
      const id = db.prepare('SELECT id FROM students WHERE student_number = ?').pluck().get(number) as number;
      expect([...enrolled].filter((e) => e.startsWith(`${id}:`)).length).toBeGreaterThan(0);
    }
    const left = db.prepare('SELECT id FROM students WHERE student_number = ?').pluck().get(report.leftStudents[0]) as number;
    expect([...enrolled].filter((e) => e.startsWith(`${left}:`))).toEqual([]);
  });

  it('is the same for the same seed, and differs for another', () => {
    const dump = (seed: number) => {
      const db = district();
      churnDistrict(db, { seed, share: 0.02, day: DAY });
      return JSON.stringify(['students', 'cc', 'u_studentsuserfields'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).raw().all()));
    };
    expect(dump(5)).toBe(dump(5));
    expect(dump(5)).not.toBe(dump(6));
  });

  it('changes nothing but people at share 0', () => {
    const db = district();
    const before = enrolments(db);
    const report = churnDistrict(db, { seed: 1, share: 0, day: DAY });
    expect(report.dropped + report.added + report.moved).toBe(0);
    // One student leaves and one arrives, whatever the share: the smallest day.
    expect(report.leftStudents).toHaveLength(1);
    const after = enrolments(db);
    expect([...before].filter((e) => !after.has(e)).length).toBeGreaterThan(0);
  });
});
