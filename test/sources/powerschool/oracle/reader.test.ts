import { WHOLE_KEY_RANGE } from '../../../../src/sources/powerschool/queries/query-args.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PowerSchoolSim } from '../../../../src/sim/powerschool/server.js';
import { oracleSetup } from '../../../helpers/oracle.js';
import { oracleOnSqlite } from '../../../helpers/oracle-sqlite.js';
import { AS_OF, countIn, expectEnrolmentsAsInSis, psSetup, startPsSim } from '../../../helpers/powerschool.js';

// The Oracle reader end to end on the PowerSchool simulator's database: the plugin's SQL files
// run unchanged through a pool with node-oracledb's shape. The REST reader reads the same
// database through the simulator's PowerQueries; both must build the same roster, which ties the
// Oracle path to every roster test of the REST path. What the SQL must mean is checked here too,
// against plain SQL of the test's own.

let sim: PowerSchoolSim;
beforeAll(async () => {
  sim = await startPsSim();
});
afterAll(async () => {
  await sim?.close();
});

const count = (sql: string, ...params: unknown[]) => countIn(sim, sql, ...params);

async function readOracle(powerschool: Record<string, unknown> = {}) {
  const adapter = oracleOnSqlite(sim.db);
  const setup = oracleSetup({}, powerschool);
  const roster = await setup.reader(adapter.driver).read();
  return { roster, adapter, setup };
}

describe('Oracle reader on the simulated PowerSchool database', () => {
  it.each([
    ['the default settings', {}],
    [
      'other id fields, term label, statuses and one school',
      { studentIdField: 'dcid', staffIdField: 'email', termLabel: 'termid', activeEnrollStatuses: [0, -1], schools: ['200'] },
    ],
    ['another day', { asOfDate: '2025-02-01' }],
  ])('reads the same roster as the REST source with %s', async (_what, powerschool) => {
    const { roster } = await readOracle(powerschool);
    const rest = await psSetup(sim, powerschool).reader().read();
    expect(roster.students.length).toBeGreaterThan(0);
    expect(roster).toEqual(rest);
  });

  it('reads extra student fields from their table, and can use one as the SIS id', async () => {
    const powerschool = {
      studentFields: ['counselor=U_STUDENTSUSERFIELDS.COUNSELOR', 'U_STUDENTSUSERFIELDS.ADVISORY', 'homeroom=STUDENTS.HOME_ROOM'],
      studentIdField: 'advisory',
    };
    const { roster, adapter } = await readOracle(powerschool);
    for (const field of ['STUDENTSDCID', 'COUNSELOR', 'ADVISORY']) sim.access.grant({ table: 'U_STUDENTSUSERFIELDS', field });
    for (const field of ['DCID', 'HOME_ROOM']) sim.access.grant({ table: 'STUDENTS', field });
    expect(roster).toEqual(await psSetup(sim, powerschool).reader().read());
    const row = sim.db
      .prepare(
        'SELECT s.id, s.home_room, u.advisory FROM students s JOIN u_studentsuserfields u ON u.studentsdcid = s.dcid WHERE s.enroll_status = 0 LIMIT 1',
      )
      .get() as Record<string, string>;
    const student = roster.students.find((s) => s.key === String(row.id));
    expect(student).toMatchObject({ sisId: row.advisory, fields: expect.objectContaining({ homeroom: row.home_room }) });
    // The extra fields are read first, in the same read-only transaction.
    const sql = adapter.log.executed.map((e) => e.sql);
    expect(sql[0]).toBe('ALTER SESSION SET CURRENT_SCHEMA = PS');
    expect(sql[1]).toBe('SET TRANSACTION READ ONLY');
    expect(sql[2]).toMatch(/FROM U_STUDENTSUSERFIELDS t ORDER BY t\.STUDENTSDCID$/);
  });

  it('keeps active students only, a teacher at two schools once, and no dropped enrolment', async () => {
    const { roster } = await readOracle();
    expect(roster.students).toHaveLength(count('SELECT COUNT(*) AS n FROM students WHERE enroll_status = 0'));
    expect(roster.students.every((s) => s.enrollStatus === 'active')).toBe(true);

    const { usersDcid, schoolNumbers } = sim.facts!.twoSchoolTeacher;
    const teacher = roster.staff.filter((s) => s.key === String(usersDcid));
    expect(teacher).toHaveLength(1);
    expect(teacher[0]?.schools.map((s) => s.schoolId).sort()).toEqual(schoolNumbers.map(String).sort());

    expectEnrolmentsAsInSis(roster, sim);
  });

  it('reads in a stable order: the same roster twice, people and sections by their ids', async () => {
    const first = (await readOracle()).roster;
    const second = (await readOracle()).roster;
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    const ascending = (keys: string[]) => keys.every((k, i) => i === 0 || Number(keys[i - 1]) < Number(k));
    expect(ascending(first.students.map((s) => s.key))).toBe(true);
    expect(ascending(first.staff.map((s) => s.key))).toBe(true);
    expect(ascending(first.sections.map((s) => s.key))).toBe(true);
  });

  it('binds the arguments, streams in batches of fetchArraySize, and releases everything after the read', async () => {
    const adapter = oracleOnSqlite(sim.db);
    const setup = oracleSetup({ fetchArraySize: 25, callTimeoutSeconds: 42, poolMax: 3 });
    await setup.reader(adapter.driver).read();
    const students = adapter.log.executed.find((e) => e.sql.includes('FROM students s'));
    expect(students?.binds).toEqual({ enroll_statuses: ',0,', school_numbers: ',*,', ...WHOLE_KEY_RANGE });
    expect(students?.options).toEqual({ resultSet: true, fetchArraySize: 25, prefetchRows: 25 });
    const enrollments = adapter.log.executed.find((e) => e.sql.includes('FROM cc'));
    expect(enrollments?.binds).toEqual({ as_of_date: AS_OF, enroll_statuses: ',0,', school_numbers: ',*,', ...WHOLE_KEY_RANGE });
    expect(adapter.log.fetches.every((f) => f.asked === 25)).toBe(true);
    expect(adapter.log.fetches.filter((f) => f.got === 25).length).toBeGreaterThan(20);
    expect(adapter.log.pools[0]).toMatchObject({
      user: 'sis_sync_ro',
      connectString: 'ps-db.district.test:1521/psproddb',
      poolMin: 0,
      poolMax: 3,
    });
    expect(adapter.log.callTimeouts).toEqual([42_000]);
    expect(adapter.log).toMatchObject({
      rollbacks: 1,
      connectionsOpen: 0,
      resultSetsOpen: 0,
      poolsOpen: 0,
      connectionCloses: [{ drop: false }],
    });
    expect(setup.captured.events()).toEqual(expect.arrayContaining(['oracle.read.started', 'oracle.query.read', 'oracle.read.finished']));
  });
});
