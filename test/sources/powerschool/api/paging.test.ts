import { afterEach, describe, expect, it } from 'vitest';
import type { PowerSchoolSim, PsRequestLogEntry } from '../../../../src/sim/powerschool/server.js';
import { loadQueryCatalog, ROSTER_QUERIES } from '../../../../src/sources/powerschool/queries/catalog.js';
import { AS_OF, psClient, psSetup, QUERY, requestsTo, startPsSim } from '../../../helpers/powerschool.js';

// Paging: the maximum page size from /ws/v1/metadata; each query's key range (its bounds query)
// read in slices side by side, page 1 after the last key each time, with bounded concurrency; a
// page that fails fails the whole read; data that changes during the read moves no row.

let sim: PowerSchoolSim;
afterEach(async () => {
  await sim?.close();
});

function pageParams(entries: PsRequestLogEntry[]): Array<{ page: number; pagesize: number }> {
  return entries
    .filter((r) => !r.path.endsWith('/count') && !r.path.endsWith('_bounds'))
    .map((r) => {
      const params = new URLSearchParams(r.query);
      return { page: Number(params.get('page')), pagesize: Number(params.get('pagesize')) };
    })
    .sort((a, b) => a.page - b.page);
}

/** Most requests the server was answering at the same moment. */
function maxInFlight(entries: PsRequestLogEntry[]): number {
  const events = entries.flatMap((r) => [
    { at: r.at, delta: 1 },
    { at: r.finishedAt ?? r.at, delta: -1 },
  ]);
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let now = 0;
  let max = 0;
  for (const e of events) max = Math.max(max, (now += e.delta));
  return max;
}

describe('PowerSchool paging', () => {
  it('asks for the key bounds, then always page 1 at the maximum page size, each page evaluating only the rows it returns', async () => {
    sim = await startPsSim({ maxPageSize: 25 });
    const roster = await psSetup(sim).reader().read();
    const students = requestsTo(sim, QUERY('students'));
    expect(students[0]?.path).toBe(`${QUERY('students')}_bounds`);
    expect(students.some((r) => r.path.endsWith('/count'))).toBe(false);
    const total = (sim.db.prepare('SELECT COUNT(*) AS n FROM students WHERE enroll_status = 0').get() as { n: number }).n;
    expect(roster.students).toHaveLength(total);
    const pages = pageParams(students.slice(1));
    expect(new Set(pages.map((p) => `${p.page}/${p.pagesize}`))).toEqual(new Set(['1/25']));
    // At most one short page per slice beyond what the rows fill.
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(total / 25));
    expect(pages.length).toBeLessThanOrEqual(Math.ceil(total / 25) + 4);
    const queries = requestsTo(sim, '/ws/schema/query/').filter((r) => !r.path.endsWith('_bounds'));
    const sum = (key: 'rowsEvaluated' | 'rowsReturned') => queries.reduce((n, r) => n + (r[key] ?? 0), 0);
    expect(sum('rowsEvaluated')).toBe(sum('rowsReturned'));
    expect(requestsTo(sim, '/ws/v1/metadata')).toHaveLength(1);
  });

  it('uses a configured page size below the maximum, and lowers one above it', async () => {
    sim = await startPsSim({ maxPageSize: 30 });
    await psSetup(sim, { pageSize: 10 }).reader().read();
    expect(new Set(pageParams(requestsTo(sim, QUERY('students'))).map((p) => p.pagesize))).toEqual(new Set([10]));
    sim.requests.length = 0;
    await psSetup(sim, { pageSize: 500 }).reader().read();
    expect(new Set(pageParams(requestsTo(sim, QUERY('students'))).map((p) => p.pagesize))).toEqual(new Set([30]));
  });

  it('keeps at most `concurrency` requests in flight, and uses them', async () => {
    sim = await startPsSim({ maxPageSize: 10, district: { today: '2024-10-01', students: 60 } });
    sim.faults.latencyMs = 10;
    await psSetup(sim, { concurrency: 3 }).reader().read();
    const pages = requestsTo(sim, QUERY('enrollments'));
    expect(pages.length).toBeGreaterThan(6);
    expect(maxInFlight(sim.requests)).toBeLessThanOrEqual(3);
    expect(maxInFlight(pages)).toBeGreaterThan(1);
  });

  it('retries a page that failed with a 5xx, and the read succeeds', async () => {
    sim = await startPsSim();
    sim.faults.failNext(2, 503, { method: 'POST', path: QUERY('sections') });
    const roster = await psSetup(sim).reader().read();
    expect(roster.sections.length).toBeGreaterThan(0);
    expect(requestsTo(sim, QUERY('sections')).filter((r) => r.status === 503)).toHaveLength(2);
  });

  it('fails the whole read when a page fails for good, and reads nothing after it', async () => {
    sim = await startPsSim({ maxPageSize: 20 });
    sim.faults.add({ kind: 'status', status: 400, body: { message: 'Invalid page' } }, 1, { path: new RegExp(`^${QUERY('students')}$`) });
    const setup = psSetup(sim);
    const error = await setup
      .reader()
      .read()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'source', status: 400 });
    expect(String((error as Error).message)).toContain('Invalid page');
    expect(requestsTo(sim, QUERY('staff'))).toHaveLength(0);
    expect(setup.captured.events()).not.toContain('powerschool.read.finished');
  });

  it('fails the whole read when a connection drops on every try', async () => {
    sim = await startPsSim();
    sim.faults.dropNext(10, { path: new RegExp(`^${QUERY('staff')}$`) });
    const error = await psSetup(sim, {}, {})
      .reader()
      .read()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'API_NETWORK' });
  });

  it('reads every enrolment that exists throughout exactly once, on the first attempt, while enrolments are dropped, added and moved between every page', async () => {
    sim = await startPsSim({ maxPageSize: 10 });
    const enrollments = loadQueryCatalog().get(ROSTER_QUERIES.enrollments);
    const current = () =>
      sim.db
        .prepare(
          `SELECT cc.id FROM cc JOIN students s ON s.id = cc.studentid
           WHERE cc.sectionid > 0 AND cc.dateenrolled <= ? AND cc.dateleft > ? AND s.enroll_status = 0 ORDER BY cc.id`,
        )
        .pluck()
        .all(AS_OF, AS_OF) as number[];
    const before = current();
    const touched = new Set<number>();
    const columns = (sim.db.prepare('PRAGMA table_info(cc)').all() as Array<{ name: string }>).map((c) => c.name);
    const copied = columns.map((c) => (c === 'id' ? '(SELECT MAX(id) + 1 FROM cc)' : c === 'dcid' ? '(SELECT MAX(dcid) + 1 FROM cc)' : c));
    const add = (like: number) =>
      sim.db.prepare(`INSERT INTO cc (${columns.join(', ')}) SELECT ${copied.join(', ')} FROM cc WHERE id = ?`).run(like);
    const drop = (id: number) => {
      touched.add(id);
      sim.db.prepare('UPDATE cc SET sectionid = -ABS(sectionid) WHERE id = ?').run(id);
    };
    let step = 0;
    // Before each page of enrolments is answered: one dropped, one added, one moved (dropped and
    // entered again under a new id), spread over the whole key range.
    const originalPush = sim.requests.push.bind(sim.requests);
    sim.requests.push = (...entries) => {
      if (entries.some((e) => e.path === QUERY('enrollments'))) {
        const live = current().filter((id) => !touched.has(id));
        const pick = () => live[(step++ * 7919) % live.length] as number;
        drop(pick());
        add(pick());
        const moved = pick();
        drop(moved);
        add(moved);
      }
      return originalPush(...entries);
    };
    const client = psClient(sim);
    try {
      const args = { as_of_date: AS_OF, enroll_statuses: ',0,', school_numbers: ',*,' };
      const read = await client.readQuery(enrollments, args, 10);
      expect(step).toBeGreaterThan(30);
      const ids = read.rows.map((row) => Number(row.cc_id));
      expect(new Set(ids).size).toBe(ids.length);
      const seen = new Set(ids);
      const throughout = before.filter((id) => !touched.has(id));
      expect(throughout.filter((id) => !seen.has(id))).toEqual([]);
      // One bounds request: the query was read once, not again.
      expect(requestsTo(sim, `${QUERY('enrollments')}_bounds`)).toHaveLength(1);
    } finally {
      await client.close();
    }
  });
});
