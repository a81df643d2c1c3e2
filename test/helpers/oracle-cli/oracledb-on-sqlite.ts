import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { registerOracleFunctions } from '../../../src/sim/powerschool/database.js';
import type { OraclePoolAttributes } from '../../../src/sources/powerschool/oracle/oracle-driver.js';
import { oracleOnSqlite } from '../oracle-sqlite.js';

// Stands in for the `oracledb` package inside a CLI child process (see register.ts): pools run
// the SQL on the simulator database named by SIS_SYNC_TEST_ORACLE_SQLITE, opened read-only, and
// refuse any password but SIS_SYNC_TEST_ORACLE_PASSWORD the way Oracle does (ORA-01017). What
// the process did is written to SIS_SYNC_TEST_ORACLE_LOG when it exits, without the password.

const path = process.env.SIS_SYNC_TEST_ORACLE_SQLITE ?? '';
const db = new Database(path, { readonly: true, fileMustExist: true });
registerOracleFunctions(db);
const adapter = oracleOnSqlite(db);

process.on('exit', () => {
  const logPath = process.env.SIS_SYNC_TEST_ORACLE_LOG;
  if (!logPath) return;
  const pools = adapter.log.pools.map(({ password: _password, ...rest }) => rest);
  writeFileSync(logPath, JSON.stringify({ ...adapter.log, pools, executed: adapter.log.executed.map((e) => e.sql) }));
});

const oracledb = {
  OUT_FORMAT_ARRAY: 4001,
  OUT_FORMAT_OBJECT: 4002,
  outFormat: 4001,
  async createPool(attributes: OraclePoolAttributes) {
    const createPool = await adapter.driver();
    const pool = await createPool(attributes);
    return {
      ...pool,
      async getConnection() {
        if (attributes.password !== process.env.SIS_SYNC_TEST_ORACLE_PASSWORD) {
          throw Object.assign(new Error('ORA-01017: invalid credential or not authorized; logon denied'), {
            code: 'ORA-01017',
            errorNum: 1017,
          });
        }
        return pool.getConnection();
      },
    };
  },
};

export default oracledb;
