import type { ErrorCode } from '../../../error-codes.js';
import { SisSyncError, SourceError } from '../../../errors.js';
import { maskSql, tableAliases } from '../queries/sql-text.js';

// Oracle and node-oracledb errors, turned into what a district person can act on. Thin mode
// raises NJS-5xx codes where the Oracle client libraries would raise ORA-125xx (the listener
// and network errors), so both spellings are matched. The driver's first line stays in the
// message, with its code, for anyone who searches for it; the password never appears.

export interface OracleErrorContext {
  /** Where sis-sync connects: host:port/service or the configured connect string. */
  target: string;
  user: string;
  /** Removed from any text, should a driver ever echo it. */
  password: string;
  callTimeoutSeconds: number;
  connectTimeoutSeconds: number;
  /** oracle.schema, to write the grant a missing table needs. */
  schema?: string;
  /** The statement that failed, when one did: its name and SQL (to name a missing table). */
  statement?: { name: string; sql: string };
}

const NETWORK_HINT =
  'Check oracle.server (or oracle.connectString) and oracle.port, that this machine has a route to the database server (inside the district network or over its VPN), and that a firewall lets this machine reach the Oracle port (usually 1521).';
const GRANTS_HINT = 'See "The read-only account" in docs/sources.md for the grants the read-only account needs.';

interface DriverError {
  code: string;
  message: string;
  offset: number | undefined;
}

/** The error as a SourceError with a code and a hint; SisSyncErrors (bad rows ...) pass through unchanged. */
export function oracleSourceError(error: unknown, context: OracleErrorContext): SisSyncError {
  if (error instanceof SisSyncError) return error;
  const driver = driverError(error, context.password);
  const first = driver.message.split('\n')[0] ?? driver.message;
  const during = context.statement ? ` while running ${context.statement.name}` : '';
  const make = (code: ErrorCode, message: string, hint: string) =>
    new SourceError(`${message} (${first})`, {
      code,
      hint: `Nothing was uploaded. ${hint}`,
      cause: scrubbedCause(error, driver, context.password),
    });
  const is = (...codes: string[]) => codes.includes(driver.code);
  const { target, user } = context;

  if (is('ORA-01017', 'ORA-01005', 'ORA-1017'))
    return make(
      'ORACLE_LOGIN_FAILED',
      `Oracle refused the login of ${user} at ${target}: wrong user name or password`,
      'Check oracle.user and the password in SIS_SYNC_ORACLE_PASSWORD (or its _FILE variable or systemd credential). A changed password must be updated there too.',
    );
  if (is('ORA-28000'))
    return make(
      'ORACLE_ACCOUNT_LOCKED',
      `The Oracle account ${user} is locked`,
      'Ask the database administrator to unlock it (too many failed logins lock it).',
    );
  if (is('ORA-28001'))
    return make(
      'ORACLE_PASSWORD_EXPIRED',
      `The password of the Oracle account ${user} has expired`,
      'Ask the database administrator to set a new one, then update the secret.',
    );
  if (is('ORA-01045'))
    return make(
      'ORACLE_NO_SESSION_GRANT',
      `The Oracle account ${user} may not log in (no CREATE SESSION privilege)`,
      `Grant it CREATE SESSION. ${GRANTS_HINT}`,
    );
  if (is('ORA-00942')) {
    const missing = missingTable(driver, context);
    const grant = `GRANT SELECT ON ${context.schema ? `${context.schema}.` : ''}${missing.table ?? '<table>'} TO ${user}`;
    return make(
      'ORACLE_TABLE_MISSING',
      `Oracle says ${missing.label} does not exist for ${user}${during}`,
      `This usually means a missing grant: ${grant}. If the PowerSchool tables belong to another schema than oracle.schema, set oracle.schema. ${GRANTS_HINT}`,
    );
  }
  if (is('ORA-01031')) return make('ORACLE_NOT_PERMITTED', `The Oracle account ${user} lacks a privilege${during}`, GRANTS_HINT);
  if (is('ORA-00904'))
    return make(
      'ORACLE_COLUMN_MISSING',
      `Oracle does not know a column${during}`,
      'An extra student field (powerschool.studentFields) may be misspelt, or this PowerSchool version lacks the column named above.',
    );
  if (is('ORA-01435', 'ORA-01918', 'ORA-02421'))
    return make(
      'ORACLE_SCHEMA_MISSING',
      `The schema in oracle.schema does not exist at ${target}`,
      'Set oracle.schema to the owner of the PowerSchool tables (PS on a PowerSchool server), or to "" to use the account\'s own synonyms.',
    );
  if (is('NJS-518', 'ORA-12514', 'NJS-519', 'ORA-12505'))
    return make(
      'ORACLE_SERVICE_UNKNOWN',
      `The Oracle listener at ${target} does not know that service or SID`,
      "Check oracle.service (PowerSchool's is usually psproddb) or the service in oracle.connectString; the database administrator can list the services with `lsnrctl status`.",
    );
  if (is('NJS-510', 'ORA-12170') || (is('NJS-503') && /ETIMEDOUT/.test(driver.message)))
    return make(
      'ORACLE_CONNECT_TIMEOUT',
      `No answer from ${target} within ${context.connectTimeoutSeconds} seconds`,
      `A firewall that drops packets, or a VPN that is down, looks like this. ${NETWORK_HINT}`,
    );
  if (is('NJS-530', 'ORA-12545') || (is('NJS-503') && /ENOTFOUND|EAI_AGAIN/.test(driver.message)))
    return make(
      'ORACLE_HOST_UNKNOWN',
      `The database server's name in ${target} cannot be resolved`,
      `Check the spelling; a name inside the district may resolve only over its VPN. ${NETWORK_HINT}`,
    );
  if (is('NJS-503', 'NJS-511', 'ORA-12541', 'ORA-12543'))
    return make(
      'ORACLE_UNREACHABLE',
      `Nothing accepted a connection at ${target}`,
      `No Oracle listener answers there, or the way to it is blocked. ${NETWORK_HINT}`,
    );
  if (is('NJS-515', 'NJS-514', 'NJS-516', 'NJS-517', 'NJS-512', 'NJS-125', 'ORA-12154'))
    return make(
      'ORACLE_CONNECT_STRING',
      `oracle.connectString is not a connect string sis-sync can use: ${target}`,
      'Write it as host:port/service (e.g. ps-db.district.org:1521/psproddb), or leave it empty and set oracle.server, oracle.port and oracle.service.',
    );
  if (is('NJS-138'))
    return make(
      'ORACLE_VERSION',
      `The database at ${target} is older than Oracle 12.1, which sis-sync cannot talk to`,
      'sis-sync uses node-oracledb in Thin mode, which needs Oracle Database 12.1 or later.',
    );
  if (is('NJS-123', 'DPI-1067', 'ORA-01013', 'ORA-03156'))
    return make(
      'ORACLE_CALL_TIMEOUT',
      `A call to the database took longer than oracle.callTimeoutSeconds (${context.callTimeoutSeconds} s)${during}`,
      'Raise oracle.callTimeoutSeconds, or run at a quieter time; a very large district may also need a larger oracle.fetchArraySize.',
    );
  if (is('NJS-040'))
    return make(
      'ORACLE_POOL_BUSY',
      `No Oracle connection became free in time${during}`,
      "The database was too slow to hand out a session; check its load, or whether the account is limited in sessions (its profile's SESSIONS_PER_USER).",
    );
  if (is('ORA-01555'))
    return make(
      'ORACLE_SNAPSHOT_TOO_OLD',
      `The read took longer than the database keeps its undo data (snapshot too old)${during}`,
      'Run at a quieter time, or ask the database administrator to raise UNDO_RETENTION; the next run reads everything again.',
    );
  if (is('NJS-500', 'NJS-501', 'NJS-521', 'ORA-03113', 'ORA-03114', 'ORA-03135', 'ORA-12537', 'ORA-12547'))
    return make(
      'ORACLE_CONNECTION_LOST',
      `The connection to ${target} was closed${during}`,
      `The database restarted, the network dropped the connection, or something other than an Oracle listener answers on that port. ${NETWORK_HINT}`,
    );
  return make(
    'ORACLE_FAILED',
    `Reading PowerSchool's Oracle database at ${target} failed${during}`,
    'The Oracle message above says why; the next run tries again.',
  );
}

function driverError(error: unknown, password: string): DriverError {
  const raw = error instanceof Error ? error.message : String(error);
  const message = scrub(raw, password);
  const own = typeof (error as { code?: unknown })?.code === 'string' ? String((error as { code: string }).code) : '';
  const code = /^(ORA|NJS|DPI|TNS)-\d+$/.test(own) ? own : (/\b((?:ORA|NJS|DPI|TNS)-\d+)/.exec(message)?.[1] ?? '');
  const offset = (error as { offset?: unknown })?.offset;
  return { code, message, offset: typeof offset === 'number' ? offset : undefined };
}

/** The table named at the error's offset in the SQL (or in a 23ai message), or every table the statement reads. */
function missingTable(driver: DriverError, context: OracleErrorContext): { label: string; table?: string } {
  const one = (table: string) => ({ label: `table ${table}`, table });
  const quoted = /"([A-Z0-9_$#]+)"\."([A-Z0-9_$#]+)"/.exec(driver.message);
  if (quoted) return one(quoted[2] as string);
  const sql = context.statement?.sql;
  if (!sql) return { label: 'a table' };
  const aliases = tableAliases(maskSql(sql));
  if (driver.offset !== undefined) {
    const word = /^[a-z_][a-z0-9_$#]*/i.exec(sql.slice(driver.offset))?.[0]?.toLowerCase();
    const table = word === undefined ? undefined : aliases.get(word);
    if (table) return one(table.toUpperCase());
  }
  const tables = [...new Set(aliases.values())].map((t) => t.toUpperCase()).sort();
  return tables.length === 1 ? one(tables[0] as string) : { label: `one of the tables ${tables.join(', ')}` };
}

function scrub(text: string, password: string): string {
  return password.length > 0 ? text.split(password).join('[redacted]') : text;
}

/** The cause kept for logs: the driver's code and scrubbed message, never an object that may hold the password. */
function scrubbedCause(error: unknown, driver: DriverError, password: string): Error {
  const cause = new Error(driver.message);
  cause.name = error instanceof Error ? error.name : 'Error';
  // The driver's own stack says where inside it the failure happened.
  if (error instanceof Error && error.stack) cause.stack = scrub(error.stack, password);
  Object.assign(cause, { code: driver.code });
  return cause;
}
