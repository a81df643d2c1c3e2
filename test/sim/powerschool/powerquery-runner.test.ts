import { WHOLE_KEY_RANGE } from '../../../src/sources/powerschool/queries/query-args.js';
import { describe, expect, it } from 'vitest';
import { loadQueryCatalog, ROSTER_QUERIES } from '../../../src/sources/powerschool/queries/catalog.js';
import { openSimDatabase } from '../../../src/sim/powerschool/database.js';
import { generateDistrict } from '../../../src/sim/powerschool/district-generator.js';
import { PowerQueryRunner } from '../../../src/sim/powerschool/powerquery-runner.js';

// Pages come from one run of the query's SQL, kept only while the data stays the same.

const query = loadQueryCatalog().get(ROSTER_QUERIES.students);
const ARGS = { enroll_statuses: ',0,', school_numbers: ',*,', ...WHOLE_KEY_RANGE };

describe('PowerQueryRunner', () => {
  it('cuts pages out of the whole result, in the query order', () => {
    const db = openSimDatabase();
    generateDistrict(db, { students: 90, today: '2024-10-01' });
    const runner = new PowerQueryRunner(db);
    const all = runner.page(query, ARGS, 1, 1000);
    expect(runner.count(query, ARGS)).toBe(all.length);
    expect([...runner.page(query, ARGS, 1, 30), ...runner.page(query, ARGS, 2, 30), ...runner.page(query, ARGS, 3, 30)]).toEqual(
      all.slice(0, 90),
    );
    expect(runner.page(query, { ...ARGS, school_numbers: ',100,' }, 1, 1000).every((row) => row.school_number === '100')).toBe(true);
    db.close();
  });

  it('sees a change made between two reads of the same query', () => {
    const db = openSimDatabase();
    generateDistrict(db, { students: 90, today: '2024-10-01' });
    const runner = new PowerQueryRunner(db);
    const before = runner.count(query, ARGS);
    db.prepare('UPDATE students SET enroll_status = 2 WHERE id = (SELECT MIN(id) FROM students WHERE enroll_status = 0)').run();
    expect(runner.count(query, ARGS)).toBe(before - 1);
    expect(runner.page(query, ARGS, 1, 1000)).toHaveLength(before - 1);
    db.close();
  });

  it('answers a keyed page 1 from the key on, evaluating only the rows it returns; a page by position evaluates the whole query', () => {
    const db = openSimDatabase();
    generateDistrict(db, { students: 90, today: '2024-10-01' });
    const runner = new PowerQueryRunner(db);
    const all = runner.page(query, ARGS, 1, 1000);
    const byKey: Array<Record<string, string>> = [];
    for (let after = '-1'; ;) {
      // The same statement each time, with other arguments: each page starts where the last ended.
      const { rows, evaluated } = runner.evaluatePage(query, { ...ARGS, after_id: after }, 1, 25);
      expect(evaluated).toBe(rows.length);
      byKey.push(...rows);
      if (rows.length < 25) break;
      after = (rows.at(-1) as Record<string, string>).student_id as string;
    }
    expect(byKey).toEqual(all);
    expect(runner.evaluatePage(query, ARGS, 2, 25)).toEqual({ rows: all.slice(25, 50), evaluated: all.length });
    db.close();
  });
});
