import type { Settings } from '../../../config/settings.js';
import { ConfigError } from '../../../errors.js';
import type { Logger } from '../../../log/logger.js';
import { registerSecret } from '../../../util/secrets.js';
import { systemClock, type Clock } from '../../../util/clock.js';
import { loadQueryCatalog } from '../queries/catalog.js';
import type { StudentField } from '../queries/student-fields.js';
import { checkRosterSettings, rosterOptionsFrom } from '../roster/roster-settings.js';
import { OracleDatabase, type OracleConnectOptions } from './oracle-database.js';
import { loadOracleDriver, type CreateOraclePool } from './oracle-driver.js';
import { OracleRosterReader } from './oracle-reader.js';

// Builds the Oracle source from the settings: the one place where `oracle.*` meets code. What
// to read comes from `powerschool.*`, shared with the REST source.

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_$#]*$/;
/** "user/password@host..." as seed 004's connection strings allow; node-oracledb does not. */
const CREDENTIALS_IN_STRING = /^[^\s@()/]+\/[^\s@()]*@/;

/** Checks `oracle.*` and returns what a connection needs; nothing is contacted. */
export function oracleConnectOptions(settings: Settings): OracleConnectOptions {
  const o = settings.oracle;
  const missing = [...(o.connectString || o.server ? [] : ['oracle.server (or oracle.connectString)']), ...(o.user ? [] : ['oracle.user'])];
  if (missing.length) {
    throw new ConfigError(`The Oracle source needs ${missing.join(' and ')}`, {
      code: 'CONFIG_MISSING',
      key: missing[0]?.split(' ')[0],
      hint: 'Set them in the config file or as SIS_SYNC_ORACLE_* environment variables (see "Oracle source" in docs/sources.md).',
    });
  }
  if (!o.password) {
    throw new ConfigError('The Oracle source needs the password of oracle.user, and none is set', {
      code: 'CONFIG_MISSING',
      key: 'oracle.password',
      hint: 'Put it in a file readable only by the service and set SIS_SYNC_ORACLE_PASSWORD_FILE to its path, or use a systemd credential named oracle.password.',
    });
  }
  if (o.connectString && o.server) {
    throw new ConfigError('oracle.connectString and oracle.server are both set; sis-sync would not know which one to use', {
      code: 'CONFIG_INVALID',
      key: 'oracle.connectString',
      hint: 'Keep one: either the full connect string, or oracle.server with oracle.port and oracle.service.',
    });
  }
  if (CREDENTIALS_IN_STRING.test(o.connectString)) {
    // The string holds a password: it is registered so that no log line can show it, and not repeated here.
    registerSecret(o.connectString);
    throw new ConfigError('oracle.connectString holds a user name and password ("user/password@..."), which sis-sync refuses', {
      code: 'CONFIG_INVALID',
      key: 'oracle.connectString',
      hint: 'Keep only host:port/service there, put the user in oracle.user and the password in SIS_SYNC_ORACLE_PASSWORD_FILE; then change that password, since it was written in plain text.',
    });
  }
  if (o.schema && !IDENTIFIER.test(o.schema)) {
    throw new ConfigError(`oracle.schema is "${o.schema}", which is not a plain Oracle schema name`, {
      code: 'CONFIG_INVALID',
      key: 'oracle.schema',
      hint: 'Use the owner of the PowerSchool tables, e.g. PS, or "" for none.',
    });
  }
  if (o.server && /[\s/()@]/.test(o.server)) {
    throw new ConfigError(`oracle.server is "${o.server}"; it must be a host name or address only`, {
      code: 'CONFIG_INVALID',
      key: 'oracle.server',
      hint: 'Put the port in oracle.port and the service in oracle.service, or write the whole thing in oracle.connectString.',
    });
  }
  // Easy Connect: an IPv6 address needs brackets.
  const host = o.server.includes(':') && !o.server.startsWith('[') ? `[${o.server}]` : o.server;
  const connectString = o.connectString || `${host}:${o.port}/${o.service}`;
  return {
    connectString,
    target: connectString,
    user: o.user,
    password: o.password,
    schema: o.schema,
    poolMax: o.poolMax,
    connectTimeoutSeconds: o.connectTimeoutSeconds,
    callTimeoutSeconds: o.callTimeoutSeconds,
    fetchArraySize: o.fetchArraySize,
  };
}

export interface OracleSourceParts {
  database: OracleDatabase;
  studentFields: StudentField[];
}

/** The database and the parsed student fields; `driver` replaces node-oracledb (tests). */
export function oracleSourceParts(
  settings: Settings,
  log: Logger,
  driver: () => Promise<CreateOraclePool> = loadOracleDriver,
): OracleSourceParts {
  const studentFields = checkRosterSettings(settings);
  return { database: new OracleDatabase(oracleConnectOptions(settings), driver, log), studentFields };
}

export function createOracleReader(
  settings: Settings,
  log: Logger,
  clock: Clock = systemClock,
  driver: () => Promise<CreateOraclePool> = loadOracleDriver,
): OracleRosterReader {
  const { database, studentFields } = oracleSourceParts(settings, log, driver);
  return new OracleRosterReader({
    database,
    catalog: loadQueryCatalog(),
    log,
    clock,
    roster: rosterOptionsFrom(settings),
    studentFields,
    scope: settings.powerschool,
  });
}
