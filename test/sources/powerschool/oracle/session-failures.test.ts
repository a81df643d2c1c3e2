import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSimDatabase, type SimDatabase } from '../../../../src/sim/powerschool/database.js';
import { generateDistrict } from '../../../../src/sim/powerschool/district-generator.js';
import { loadQueryCatalog } from '../../../../src/sources/powerschool/queries/catalog.js';
import { ORACLE_PASSWORD, oracleSetup } from '../../../helpers/oracle.js';
import { oracleOnSqlite, type Fault } from '../../../helpers/oracle-sqlite.js';
import { AS_OF } from '../../../helpers/powerschool.js';

// The driver code when something fails: whatever fails, and wherever, the read throws (no
// partial roster leaves), the result set, the connection and the pool are released, a failed
// connection is dropped rather than reused, and the password appears in no error and no log line.

let db: SimDatabase;
beforeAll(() => {
  db = openSimDatabase();
  generateDistrict(db, { today: AS_OF, students: 80 });
});
afterAll(() => db?.close());

const oraError = (message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { code: /^([A-Z]+-\d+)/.exec(message)?.[1], ...extra });

async function failingRead(fault: Fault, oracle: Record<string, unknown> = {}) {
  const adapter = oracleOnSqlite(db);
  adapter.faults.push(fault);
  const setup = oracleSetup({ fetchArraySize: 10, ...oracle });
  const error = await setup
    .reader(adapter.driver)
    .read()
    .then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string; hint?: string; cause?: Error },
    );
  expect(error, 'the read must fail').toBeDefined();
  const everything = `${error?.message}\n${error?.hint}\n${error?.cause?.message}\n${setup.captured.text()}`;
  expect(everything).not.toContain(ORACLE_PASSWORD);
  expect(adapter.log.resultSetsOpen).toBe(0);
  expect(adapter.log.connectionsOpen).toBe(0);
  expect(adapter.log.poolsOpen).toBe(0);
  return { error: error!, adapter, setup };
}

describe('Oracle session failures', () => {
  it('a refused login: the login is named, the pool closed, no connection left', async () => {
    const { error, adapter } = await failingRead({
      stage: 'getConnection',
      error: oraError('ORA-01017: invalid credential or not authorized; logon denied', { errorNum: 1017 }),
    });
    expect(error).toMatchObject({ code: 'ORACLE_LOGIN_FAILED' });
    expect(error.message).toContain('Oracle refused the login of sis_sync_ro at ps-db.district.test:1521/psproddb');
    expect(error.hint).toContain('SIS_SYNC_ORACLE_PASSWORD');
    expect(adapter.log.connectionCloses).toEqual([]);
  });

  it('a missing grant on the enrolments table: the table is named from the SQL, and the connection dropped', async () => {
    const sql = loadQueryCatalog().get('org.sissync.aspiredu.roster.enrollments').sql;
    const { error, adapter } = await failingRead({
      stage: 'execute',
      sql: 'FROM cc',
      // Oracle 19c's message names no table; the offset points into the SQL at it.
      error: oraError('ORA-00942: table or view does not exist', { errorNum: 942, offset: sql.indexOf('FROM cc') + 5 }),
    });
    expect(error).toMatchObject({ code: 'ORACLE_TABLE_MISSING' });
    expect(error.message).toContain('Oracle says table CC does not exist for sis_sync_ro');
    expect(error.message).toContain('while running org.sissync.aspiredu.roster.enrollments');
    expect(error.hint).toContain('GRANT SELECT ON PS.CC TO sis_sync_ro');
    expect(adapter.log.connectionCloses).toEqual([{ drop: true }]);
    expect(adapter.log.rollbacks).toBe(1);
  });

  it('a call timeout while streaming: the query and the setting are named, the result set closed', async () => {
    const { error, adapter } = await failingRead(
      { stage: 'getRows', call: 4, error: oraError('NJS-123: call timeout of 5000 ms exceeded') },
      { callTimeoutSeconds: 5 },
    );
    expect(error).toMatchObject({ code: 'ORACLE_CALL_TIMEOUT' });
    expect(error.message).toMatch(/longer than oracle\.callTimeoutSeconds \(5 s\) while running org\.sissync\.aspiredu\.roster\.\w+/);
    expect(adapter.log.fetches.length).toBe(3);
    expect(adapter.log.connectionCloses).toEqual([{ drop: true }]);
  });

  it('the first failure wins over a result set that then fails to close', async () => {
    const adapter = oracleOnSqlite(db);
    adapter.faults.push(
      { stage: 'getRows', call: 2, error: oraError('ORA-03113: end-of-file on communication channel') },
      { stage: 'resultSet.close', error: oraError('NJS-500: connection to Oracle Database was closed or broken') },
    );
    await expect(oracleSetup().reader(adapter.driver).read()).rejects.toMatchObject({ code: 'ORACLE_CONNECTION_LOST' });
    await expect(oracleSetup().reader(adapter.driver).read()).rejects.toThrow(/ORA-03113/);
  });

  it('a bad value in a row fails the read with the row named, and still releases everything', async () => {
    const bad = openSimDatabase();
    generateDistrict(bad, { today: AS_OF, students: 40 });
    bad.prepare(`UPDATE students SET grade_level = 'ninth' WHERE id = (SELECT MIN(id) FROM students WHERE enroll_status = 0)`).run();
    const adapter = oracleOnSqlite(bad);
    const error = await oracleSetup()
      .reader(adapter.driver)
      .read()
      .catch((e: unknown) => e);
    bad.close();
    expect(error).toMatchObject({
      code: 'POWERSCHOOL_BAD_ROW',
      message: expect.stringMatching(/row \d+ of students: grade_level is "ninth"/),
    });
    expect(adapter.log).toMatchObject({ resultSetsOpen: 0, connectionsOpen: 0, poolsOpen: 0, connectionCloses: [{ drop: true }] });
  });

  it('a driver message that echoes the password is scrubbed', async () => {
    const { error } = await failingRead({
      stage: 'createPool',
      error: new Error(`NJS-515: error in Easy Connect connection string: bad part: sis_sync_ro/${ORACLE_PASSWORD}@x`),
    });
    expect(error).toMatchObject({ code: 'ORACLE_CONNECT_STRING' });
    expect(error.message).toContain('[redacted]');
  });

  it('an abort stops the read between batches, with the abort itself, and releases everything', async () => {
    const controller = new AbortController();
    const adapter = oracleOnSqlite(db, { afterFetch: (n) => n === 3 && controller.abort(new Error('shutting down')) });
    await expect(oracleSetup({ fetchArraySize: 5 }).reader(adapter.driver).read(controller.signal)).rejects.toThrow('shutting down');
    expect(adapter.log.fetches).toHaveLength(3);
    expect(adapter.log).toMatchObject({ resultSetsOpen: 0, connectionsOpen: 0, poolsOpen: 0 });
  });
});
