import { afterEach, describe, expect, it } from 'vitest';
import { PowerQueryRunner } from '../../../../src/sim/powerschool/powerquery-runner.js';
import type { PowerSchoolSim } from '../../../../src/sim/powerschool/server.js';
import { pageEndsSlice, pageSizeWatch, readSlice } from '../../../../src/sources/powerschool/api/keyset-read.js';
import { loadQueryCatalog, ROSTER_QUERIES } from '../../../../src/sources/powerschool/queries/catalog.js';
import { WHOLE_KEY_RANGE } from '../../../../src/sources/powerschool/queries/query-args.js';
import { argsFor } from '../../../../src/sources/powerschool/queries/query-args.js';
import { AS_OF, psClient, startPsSim } from '../../../helpers/powerschool.js';
import { captureLog } from '../../../helpers/log-capture.js';

// A server that answers fewer rows per page than asked (below its metadata's maximum page size):
// a short page must not end a slice unless it is shorter than the longest page seen, so that no
// row is skipped; the cap is logged once per query read.

describe('the page that ends a slice', () => {
  it('is an empty page, or one shorter both than asked and than the longest page seen', () => {
    expect(pageEndsSlice(0, 100, 0)).toBe(true);
    expect(pageEndsSlice(0, 100, 100)).toBe(true);
    expect(pageEndsSlice(37, 100, 100)).toBe(true);
    // A server capping at 50 when 100 were asked: its full pages go on, its last one ends.
    expect(pageEndsSlice(50, 100, 50)).toBe(false);
    expect(pageEndsSlice(37, 100, 50)).toBe(true);
    // The first page of a read, shorter than asked: one more page confirms.
    expect(pageEndsSlice(37, 100, 37)).toBe(false);
    expect(pageEndsSlice(100, 100, 100)).toBe(false);
  });

  it('reads a slice to its end when every page is capped, and reports the cap', async () => {
    const keys = Array.from({ length: 23 }, (_, i) => i + 1);
    const asked: string[] = [];
    const capped: number[] = [];
    const watch = pageSizeWatch((returned) => capped.push(returned));
    const fetchPage = async (args: Record<string, string>) => {
      asked.push(String(args.after_id));
      return keys
        .filter((k) => k > Number(args.after_id) && k <= Number(args.up_to_id))
        .slice(0, 5)
        .map((k) => ({ id: String(k) }));
    };
    const key = { table: 'T', field: 'ID', sql: 't.id', column: 'id' };
    const read = await readSlice('the query t', key, {}, { after: 0, upTo: 100 }, 10, fetchPage, undefined, watch);
    expect(read.rows.map((r) => Number(r.id))).toEqual(keys);
    // 5, 5, 5, 5, then 3 (shorter than 5): five pages, none to confirm.
    expect(asked).toEqual(['0', '5', '10', '15', '20']);
    expect(capped).toEqual([5, 5, 5, 5]);
    expect(watch.longest).toBe(5);
  });

  it('asks once more after a short first page, and does not call that a cap', async () => {
    const capped: number[] = [];
    const watch = pageSizeWatch((returned) => capped.push(returned));
    const pages = [[{ id: '1' }, { id: '2' }], []];
    const key = { table: 'T', field: 'ID', sql: 't.id', column: 'id' };
    const read = await readSlice('the query t', key, {}, { after: 0, upTo: 9 }, 10, async () => pages.shift() ?? [], undefined, watch);
    expect(read).toMatchObject({ pages: 2 });
    expect(read.rows).toHaveLength(2);
    expect(capped).toEqual([]);
  });
});

describe('a PowerSchool server that caps pages below its metadata', () => {
  let sim: PowerSchoolSim;
  afterEach(async () => {
    await sim?.close();
  });

  it('reads every row of every roster query exactly once, and warns once per query read', async () => {
    sim = await startPsSim({ maxPageSize: 40, pageCap: 15, district: { today: AS_OF, students: 240 } });
    const captured = captureLog();
    const client = psClient(sim, captured.log);
    const catalog = loadQueryCatalog();
    const expected = new PowerQueryRunner(sim.db);
    const args = { as_of_date: AS_OF, enroll_statuses: ',0,', school_numbers: ',*,' };
    try {
      const { maxPageSize } = await client.metadata();
      expect(maxPageSize).toBe(40);
      for (const name of Object.values(ROSTER_QUERIES)) {
        const query = catalog.get(name);
        const column = query.key?.column as string;
        const queryArgs = argsFor(query, args);
        const all = expected.page(query, { ...queryArgs, ...WHOLE_KEY_RANGE }, 1, 1_000_000);
        const read = await client.readQuery(query, queryArgs, maxPageSize as number);
        expect(
          read.rows.map((row) => String(row[column])),
          name,
        ).toEqual(all.map((row) => row[column]));
      }
    } finally {
      await client.close();
    }
    // Every query that has more rows than one capped page says so, once.
    const warnings = captured.entries().filter((e) => e.event === 'powerschool.page.capped');
    expect(warnings.length).toBeGreaterThanOrEqual(4);
    expect(new Set(warnings.map((w) => w.query)).size).toBe(warnings.length);
    expect(warnings[0]).toMatchObject({ pageSize: 40, returned: 15 });
    const students = sim.requests.filter((r) => r.path.endsWith('.students'));
    expect(students.every((r) => (r.rowsReturned ?? 0) <= 15)).toBe(true);
  });
  it('reads every row of a schema table (extra student fields) at the size the server answers', async () => {
    sim = await startPsSim({ maxPageSize: 40, pageCap: 15, district: { today: AS_OF, students: 240 } });
    for (const field of ['STUDENTSDCID', 'COUNSELOR']) sim.access.grant({ table: 'U_STUDENTSUSERFIELDS', field });
    const captured = captureLog();
    const client = psClient(sim, captured.log);
    const expected = (
      sim.db.prepare('SELECT studentsdcid FROM u_studentsuserfields ORDER BY rowid').all() as Array<{ studentsdcid: number }>
    ).map((row) => String(row.studentsdcid));
    expect(expected.length).toBeGreaterThan(40);
    try {
      const read = await client.readTable('u_studentsuserfields', ['STUDENTSDCID', 'COUNSELOR'], 40);
      expect(read.rows.map((row) => String(row.studentsdcid)).sort()).toEqual([...expected].sort());
    } finally {
      await client.close();
    }
    const warnings = captured.entries().filter((e) => e.event === 'powerschool.page.capped');
    expect(warnings).toEqual([expect.objectContaining({ table: 'u_studentsuserfields', pageSize: 40, returned: 15 })]);
  });
});
