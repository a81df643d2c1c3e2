import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openSimDatabase, tableColumns, type SimDatabase } from '../../../../src/sim/powerschool/database.js';
import { generateDistrict } from '../../../../src/sim/powerschool/district-generator.js';
import { loadOracleDriver } from '../../../../src/sources/powerschool/oracle/oracle-driver.js';
import { noDockerReason } from '../../../helpers/docker.js';
import { oracleSetup } from '../../../helpers/oracle.js';
import { oracleOnSqlite } from '../../../helpers/oracle-sqlite.js';
import { AS_OF } from '../../../helpers/powerschool.js';

// The Oracle source against a real Oracle Database (Oracle Free in a container, testcontainers):
// the simulator's PowerSchool tables are created in a PS schema and filled with the same seeded
// district, a read-only account gets exactly the grants docs/sources.md lists, and the source reads
// the roster through node-oracledb in Thin mode. It must equal the roster read from the same
// district on SQLite; a revoked grant, a wrong password and an unknown service must read as the
// messages the unit tests expect. Where no Docker engine answers, the test skips itself and says why.

const IMAGE = 'gvenzl/oracle-free:23-slim-faststart';
const SYSTEM_PASSWORD = 'Sys-Pa55word-1';
const RO_PASSWORD = 'Ro-Pa55word-1';
const DATE_COLUMNS = new Set(['firstday', 'lastday', 'start_date', 'end_date', 'dateenrolled', 'dateleft']);
const TABLES = [
  'schools',
  'students',
  'u_studentsuserfields',
  'users',
  'schoolstaff',
  'courses',
  'terms',
  'sections',
  'sectionteacher',
  'cc',
];

/** The statements docs/sources.md gives for the read-only account, with the test's password. */
function documentedGrants(): string[] {
  const page = readFileSync(new URL('../../../../docs/sources.md', import.meta.url), 'utf8');
  const section = page.slice(page.indexOf('## Oracle source'));
  const block = /```sql\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.trim().replace(/;$/, ''))
    .filter((line) => /^(CREATE USER|GRANT)/.test(line))
    .map((line) => line.replace(/IDENTIFIED BY "[^"]*"/, `IDENTIFIED BY "${RO_PASSWORD}"`));
}

type Connection = import('oracledb').Connection;

/** The simulator's tables in PS, Oracle types (dates as DATE), filled from the SQLite district. */
async function loadDistrict(ps: Connection, db: SimDatabase): Promise<void> {
  const { default: oracledb } = await import('oracledb');
  for (const table of TABLES) {
    const info = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string; type: string }>;
    const columns = tableColumns(db, table);
    const type = (name: string) =>
      DATE_COLUMNS.has(name)
        ? 'DATE'
        : info.find((c) => c.name.toLowerCase() === name)?.type === 'INTEGER'
          ? 'NUMBER'
          : 'VARCHAR2(400 CHAR)';
    await ps.execute(`CREATE TABLE ${table} (${columns.map((c) => `${c} ${type(c)}`).join(', ')})`);
    const rows = db
      .prepare(`SELECT ${columns.join(', ')} FROM ${table}`)
      .raw()
      .all() as unknown[][];
    if (rows.length === 0) continue;
    const values = columns.map((c, i) => (DATE_COLUMNS.has(c) ? `TO_DATE(:${i + 1}, 'YYYY-MM-DD')` : `:${i + 1}`));
    await ps.executeMany(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values.join(', ')})`,
      rows.map((row) => row.map((v) => (v === undefined ? null : v))),
      {
        bindDefs: columns.map((c) => (type(c) === 'NUMBER' ? { type: oracledb.NUMBER } : { type: oracledb.STRING, maxSize: 400 })),
      },
    );
  }
  await ps.commit();
}

describe('Oracle source against Oracle Database Free', () => {
  it('reads the same roster as from SQLite, with the documented grants, and names what goes wrong', { timeout: 600_000 }, async (ctx) => {
    const reason = await noDockerReason();
    if (reason) ctx.skip(`Skipped: ${reason}. Runs wherever Docker is available.`);

    const { GenericContainer, Wait } = await import('testcontainers');
    const { default: oracledb } = await import('oracledb');
    const container = await new GenericContainer(IMAGE)
      .withEnvironment({ ORACLE_PASSWORD: SYSTEM_PASSWORD, APP_USER: 'ps', APP_USER_PASSWORD: 'Ps-Pa55word-1' })
      .withExposedPorts(1521)
      .withWaitStrategy(Wait.forLogMessage('DATABASE IS READY TO USE!'))
      .withStartupTimeout(480_000)
      .start();
    const db = openSimDatabase();
    try {
      generateDistrict(db, { today: AS_OF, students: 200 });
      const host = container.getHost() === 'localhost' ? '127.0.0.1' : container.getHost();
      const port = container.getMappedPort(1521);
      const connectString = `${host}:${port}/FREEPDB1`;

      const ps = await oracledb.getConnection({ user: 'ps', password: 'Ps-Pa55word-1', connectString });
      await loadDistrict(ps, db);
      await ps.close();
      const system = await oracledb.getConnection({ user: 'system', password: SYSTEM_PASSWORD, connectString });
      for (const statement of documentedGrants()) await system.execute(statement);
      await system.execute('GRANT SELECT ON PS.U_STUDENTSUSERFIELDS TO sis_sync_ro');

      const powerschool = { studentFields: ['counselor=U_STUDENTSUSERFIELDS.COUNSELOR', 'homeroom=STUDENTS.HOME_ROOM'] };
      const env = { SIS_SYNC_ORACLE_PASSWORD: RO_PASSWORD };
      const oracle = { server: host, port, service: 'FREEPDB1', user: 'sis_sync_ro', schema: 'PS', fetchArraySize: 50 };
      const fromOracle = await oracleSetup(oracle, powerschool, env).reader(loadOracleDriver).read();
      const fromSqlite = await oracleSetup(oracle, powerschool, env).reader(oracleOnSqlite(db).driver).read();
      expect(fromOracle.students.length).toBeGreaterThan(100);
      expect(fromOracle).toEqual(fromSqlite);

      // The account can read and nothing else.
      const ro = await oracledb.getConnection({ user: 'sis_sync_ro', password: RO_PASSWORD, connectString });
      await expect(ro.execute('DELETE FROM PS.CC')).rejects.toThrow(/ORA-01031|ORA-41900/);
      await ro.close();

      await system.execute('REVOKE SELECT ON PS.CC FROM sis_sync_ro');
      await expect(oracleSetup(oracle, powerschool, env).reader(loadOracleDriver).read()).rejects.toMatchObject({
        code: 'ORACLE_TABLE_MISSING',
        message: expect.stringContaining('table CC'),
      });
      await system.close();

      await expect(
        oracleSetup(oracle, powerschool, { SIS_SYNC_ORACLE_PASSWORD: 'wrong-Pa55' }).reader(loadOracleDriver).read(),
      ).rejects.toMatchObject({ code: 'ORACLE_LOGIN_FAILED' });
      await expect(
        oracleSetup({ ...oracle, service: 'NOSUCHPDB' }, powerschool, env)
          .reader(loadOracleDriver)
          .read(),
      ).rejects.toMatchObject({ code: 'ORACLE_SERVICE_UNKNOWN' });
    } finally {
      db.close();
      await container.stop();
    }
  });
});
