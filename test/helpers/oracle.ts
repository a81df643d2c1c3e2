import type { Settings } from '../../src/config/settings.js';
import { loadConfig } from '../../src/config/load.js';
import { createOracleReader } from '../../src/sources/powerschool/oracle/create-oracle-reader.js';
import type { OracleRosterReader } from '../../src/sources/powerschool/oracle/oracle-reader.js';
import type { CreateOraclePool } from '../../src/sources/powerschool/oracle/oracle-driver.js';
import { captureLog, type CapturedLog } from './log-capture.js';
import { AS_OF } from './powerschool.js';
import { tempDir, writeFile } from './temp.js';

// Oracle source settings loaded the way the CLI loads them (a config file, the password from the
// environment), and a reader on a given driver (the SQLite adapter, or the real one).

export const ORACLE_PASSWORD = 'Tr0ub4dor-oracle-pw';

export interface OracleSetup {
  settings: Settings;
  captured: CapturedLog;
  reader(driver: () => Promise<CreateOraclePool>): OracleRosterReader;
}

export function oracleSetup(
  oracle: Record<string, unknown> = {},
  powerschool: Record<string, unknown> = {},
  env: Record<string, string> = { SIS_SYNC_ORACLE_PASSWORD: ORACLE_PASSWORD },
): OracleSetup {
  const config = {
    source: { type: 'powerschool-oracle' },
    oracle: { server: 'ps-db.district.test', user: 'sis_sync_ro', ...oracle },
    powerschool: { asOfDate: AS_OF, ...powerschool },
  };
  const file = writeFile(tempDir(), 'config.json', JSON.stringify(config));
  const settings = loadConfig({ file, env }).settings;
  const captured = captureLog();
  return { settings, captured, reader: (driver) => createOracleReader(settings, captured.log, undefined, driver) };
}
