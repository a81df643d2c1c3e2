import { afterEach, describe, expect, it } from 'vitest';
import type { PowerSchoolSim, PsRequestLogEntry } from '../../../src/sim/powerschool/server.js';
import { READ_ATTEMPTS } from '../../../src/sources/powerschool-api/client.js';
import { PowerQueryRunner } from '../../../src/sim/powerschool/powerquery-runner.js';
import { loadQueryCatalog, ROSTER_QUERIES } from '../../../src/sources/powerschool-queries/catalog.js';
import { AS_OF, psSetup, QUERY, requestsTo, startPsSim } from '../../helpers/powerschool.js';

// Paging: the maximum page size from /ws/v1/metadata, a count first, then the pages with bounded
// concurrency; a page that fails fails the whole read; a read the data changed under is done again.

let sim: PowerSchoolSim;
afterEach(async () => {
  await sim?.close();
});

function pageParams(entries: PsRequestLogEntry[]): Array<{ page: number; pagesize: number }> {
  return entries
    .filter((r) => !r.path.endsWith('/count'))
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
  it('counts first, then asks for every page at the maximum page size the metadata gives', async () => {
    sim = await startPsSim({ maxPageSize: 25 });
    await psSetup(sim).reader().read();
    const students = requestsTo(sim, QUERY('students'));
    expect(students[0]?.path).toBe(`${QUERY('students')}/count`);
    const total = (sim.db.prepare('SELECT COUNT(*) AS n FROM students WHERE enroll_status = 0').get() as { n: number }).n;
    const pages = Math.ceil(total / 25);
    expect(pageParams(students)).toEqual(Array.from({ length: pages }, (_, i) => ({ page: i + 1, pagesize: 25 })));
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

  it('reads a query again when its pages do not add up to the count, and fails after three tries', async () => {
    sim = await startPsSim();
    // One row more than the query holds: as if a student was added between the count and the pages.
    const actual = (sim.db.prepare('SELECT COUNT(*) AS n FROM students WHERE enroll_status = 0').get() as { n: number }).n;
    const wrongCount = { kind: 'status', status: 200, body: { count: actual + 1 } } as const;
    sim.faults.add(wrongCount, 1, { path: `${QUERY('students')}/count` });
    const once = psSetup(sim);
    const roster = await once.reader().read();
    expect(roster.students).toHaveLength(actual);
    expect(once.captured.events().filter((e) => e === 'powerschool.read.changed')).toHaveLength(1);

    sim.faults.add(wrongCount, READ_ATTEMPTS, { path: `${QUERY('students')}/count` });
    const always = psSetup(sim);
    const error = await always
      .reader()
      .read()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'POWERSCHOOL_DATA_CHANGED' });
    expect(String((error as Error).message)).toContain(`counted ${actual + 1} rows but its pages held ${actual}`);
    expect(String((error as Error).message)).toContain('3 times in a row');
    expect(always.captured.events()).not.toContain('powerschool.read.finished');
  });

  it('notices enrolments that leave and join between two pages, though the count still adds up, and reads them again', async () => {
    sim = await startPsSim({ maxPageSize: 20 });
    sim.faults.latencyMs = 5;
    const enrollments = loadQueryCatalog().get(ROSTER_QUERIES.enrollments);
    const args = { as_of_date: AS_OF, enroll_statuses: ',0,', school_numbers: ',*,' };
    const firstIds = new PowerQueryRunner(sim.db).page(enrollments, args, 1, 3).map((row) => Number(row.cc_id));
    // A registrar re-enters three enrolments: each old CC record is dropped (PowerSchool negates its
    // SECTIONID) and a new one, for the same student and section, gets the next id. The result has
    // as many rows as before, but every row after the first three moves up three places.
    const reenter = () => {
      const columns = (sim.db.prepare('PRAGMA table_info(cc)').all() as Array<{ name: string }>).map((c) => c.name);
      const copied = columns.map((c) =>
        c === 'id' ? '(SELECT MAX(id) + 1 FROM cc)' : c === 'dcid' ? '(SELECT MAX(dcid) + 1 FROM cc)' : c,
      );
      for (const id of firstIds) {
        sim.db.prepare(`INSERT INTO cc (${columns.join(', ')}) SELECT ${copied.join(', ')} FROM cc WHERE id = ?`).run(id);
        sim.db.prepare('UPDATE cc SET sectionid = -ABS(sectionid) WHERE id = ?').run(id);
      }
    };
    const pagesOf = (name: string) => requestsTo(sim, QUERY(name)).filter((r) => !r.path.endsWith('/count'));
    const before = await psSetup(sim).reader().read();
    sim.requests.length = 0;
    let reentered = false;
    const watcher = setInterval(() => {
      if (reentered || pagesOf('enrollments').length < 3) return;
      reentered = true;
      reenter();
    }, 1);
    const during = psSetup(sim);
    const roster = await during.reader().read();
    clearInterval(watcher);
    expect(reentered).toBe(true);
    expect(during.captured.events()).toContain('powerschool.read.changed');
    // The same students in the same sections as before (re-entered ones now listed last): no
    // enrolment lost at a page boundary.
    const sorted = (r: typeof roster) => ({ ...r, sections: r.sections.map((s) => ({ ...s, studentKeys: [...s.studentKeys].sort() })) });
    expect(sorted(roster)).toEqual(sorted(before));
  });
});
