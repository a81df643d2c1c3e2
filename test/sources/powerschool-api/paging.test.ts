import { afterEach, describe, expect, it } from 'vitest';
import type { PowerSchoolSim, PsRequestLogEntry } from '../../../src/sim/powerschool/server.js';
import { psSetup, QUERY, requestsTo, startPsSim } from '../../helpers/powerschool.js';

// Paging: the maximum page size from /ws/v1/metadata, a count first, then the pages with bounded
// concurrency; a page that fails fails the whole read.

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

  it('fails when the pages do not add up to the count (the data changed while it was read)', async () => {
    sim = await startPsSim();
    // One row more than the query holds: as if a student was added between the count and the pages.
    const actual = (sim.db.prepare('SELECT COUNT(*) AS n FROM students WHERE enroll_status = 0').get() as { n: number }).n;
    sim.faults.add({ kind: 'status', status: 200, body: { count: actual + 1 } }, 1, { path: `${QUERY('students')}/count` });
    const error = await psSetup(sim)
      .reader()
      .read()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'POWERSCHOOL_DATA_CHANGED' });
  });
});
