import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { oracleSourceError, type OracleErrorContext } from '../../../../src/sources/powerschool/oracle/oracle-errors.js';
import { loadOracleDriver } from '../../../../src/sources/powerschool/oracle/oracle-driver.js';
import { ORACLE_PASSWORD, oracleSetup } from '../../../helpers/oracle.js';

// Oracle's and node-oracledb's errors as a district person reads them: what failed, where, and
// what to check. The shapes are the driver's own (code, errorNum, offset); the network ones are
// also produced by the real driver in Thin mode against sockets on 127.0.0.1.

const CONTEXT: OracleErrorContext = {
  target: 'ps-db.district.test:1521/psproddb',
  user: 'sis_sync_ro',
  password: ORACLE_PASSWORD,
  callTimeoutSeconds: 300,
  connectTimeoutSeconds: 20,
};

const driverError = (message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { code: /^([A-Z]+-\d+)/.exec(message)?.[1], ...extra });

const ENROLMENTS = {
  name: 'org.sissync.aspiredu.roster.enrollments',
  sql: 'SELECT cc.id AS cc_id FROM cc JOIN sections sec ON ABS(cc.sectionid) = sec.id JOIN terms t ON t.id = sec.termid ORDER BY cc.id',
};

describe('Oracle errors', () => {
  it.each([
    [
      'ORA-01017: invalid credential or not authorized; logon denied',
      'ORACLE_LOGIN_FAILED',
      /refused the login of sis_sync_ro at ps-db/,
      /oracle\.user and the password/,
    ],
    ['ORA-28000: The account is locked.', 'ORACLE_ACCOUNT_LOCKED', /sis_sync_ro is locked/, /unlock/],
    ['ORA-28001: the password has expired', 'ORACLE_PASSWORD_EXPIRED', /has expired/, /new one/],
    [
      'ORA-01045: user SIS_SYNC_RO lacks CREATE SESSION privilege; logon denied',
      'ORACLE_NO_SESSION_GRANT',
      /may not log in/,
      /CREATE SESSION/,
    ],
    [
      'NJS-518: cannot connect to Oracle Database. Service "psprod" is not registered with the listener at host 10.0.0.5 port 1521. (CONNECTION_ID=x)',
      'ORACLE_SERVICE_UNKNOWN',
      /listener at ps-db.district.test:1521\/psproddb does not know that service/,
      /oracle\.service.*psproddb/,
    ],
    [
      'ORA-12514: TNS:listener does not currently know of service requested in connect descriptor',
      'ORACLE_SERVICE_UNKNOWN',
      /does not know/,
      /lsnrctl status/,
    ],
    [
      'NJS-503: connection to host ps-db port 1521 could not be established. (CONNECTION_ID=x)\nconnect ECONNREFUSED 10.0.0.5:1521',
      'ORACLE_UNREACHABLE',
      /Nothing accepted a connection at ps-db/,
      /VPN.*firewall.*1521/,
    ],
    ['ORA-12541: TNS:no listener', 'ORACLE_UNREACHABLE', /Nothing accepted/, /VPN/],
    [
      'NJS-510: connection to host ps-db port 1521 timed out. Request exceeded "connectTimeout" of 20 seconds. (CONNECTION_ID=x)',
      'ORACLE_CONNECT_TIMEOUT',
      /No answer from ps-db.* within 20 seconds/,
      /firewall that drops packets/,
    ],
    [
      'NJS-503: connection to host ps-db port 1521 could not be established. (CONNECTION_ID=x)\ngetaddrinfo ENOTFOUND ps-db.district.test',
      'ORACLE_HOST_UNKNOWN',
      /cannot be resolved/,
      /VPN/,
    ],
    [
      'NJS-530: The host addresses or URLs provided by the connect string are incorrect or unresolvable in your network.',
      'ORACLE_HOST_UNKNOWN',
      /cannot be resolved/,
      /spelling/,
    ],
    [
      'NJS-123: call timeout of 300000 ms exceeded',
      'ORACLE_CALL_TIMEOUT',
      /oracle\.callTimeoutSeconds \(300 s\)/,
      /Raise oracle\.callTimeoutSeconds/,
    ],
    [
      'NJS-500: connection to Oracle Database was closed or broken\nNJS-521: connection to host x port 1 received end-of-file',
      'ORACLE_CONNECTION_LOST',
      /was closed/,
      /listener/,
    ],
    ['NJS-515: error in Easy Connect connection string: x: y', 'ORACLE_CONNECT_STRING', /not a connect string/, /host:port\/service/],
    [
      'NJS-138: connections to this database server version are not supported by node-oracledb in Thin mode',
      'ORACLE_VERSION',
      /older than Oracle 12\.1/,
      /Thin mode/,
    ],
    [
      'NJS-040: connection request timeout. Request exceeded "queueTimeout" of 60000',
      'ORACLE_POOL_BUSY',
      /No Oracle connection became free/,
      /SESSIONS_PER_USER/,
    ],
    [
      'ORA-01555: snapshot too old: rollback segment number 9 with name "_SYSSMU9$" too small',
      'ORACLE_SNAPSHOT_TOO_OLD',
      /snapshot too old/,
      /UNDO_RETENTION/,
    ],
    ['ORA-01435: user does not exist', 'ORACLE_SCHEMA_MISSING', /oracle\.schema/, /owner of the PowerSchool tables/],
    ['ORA-00904: "S"."STATE_STUDENTNUMBER": invalid identifier', 'ORACLE_COLUMN_MISSING', /does not know a column/, /studentFields/],
    ['ORA-00001: unique constraint violated', 'ORACLE_FAILED', /Oracle database at ps-db.* failed/, /next run/],
  ])('%s → %s', (message, code, what, hint) => {
    const error = oracleSourceError(driverError(message), CONTEXT);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(what);
    // The driver's own first line stays, for anyone who searches for it.
    expect(error.message).toContain(message.split('\n')[0]);
    expect(error.hint).toMatch(hint);
    expect(error.hint).toMatch(/^Nothing was uploaded\./);
  });

  it('names the missing table from the error offset, from a 23ai message, or lists the candidates', () => {
    const at = (word: string) => ENROLMENTS.sql.indexOf(word);
    const missing = (extra: Record<string, unknown>, message = 'ORA-00942: table or view does not exist') =>
      oracleSourceError(driverError(message, extra), { ...CONTEXT, statement: ENROLMENTS }).message;
    expect(missing({ offset: at('sections sec') })).toMatch(
      /^Oracle says table SECTIONS does not exist for sis_sync_ro while running org\.sissync\.aspiredu\.roster\.enrollments/,
    );
    expect(missing({}, 'ORA-00942: table or view "PS"."TERMS" does not exist')).toContain('table TERMS');
    expect(missing({ offset: 0 })).toContain('one of the tables CC, SECTIONS, TERMS');
  });

  it('keeps the password out of the message, the hint and the cause', () => {
    const error = oracleSourceError(driverError(`ORA-01017: logon denied for sis_sync_ro/${ORACLE_PASSWORD}`), CONTEXT);
    expect(`${error.message} ${error.hint} ${(error.cause as Error).message}`).not.toContain(ORACLE_PASSWORD);
  });
});

describe('Oracle network errors from the real driver (Thin mode, 127.0.0.1)', () => {
  const servers: Server[] = [];
  const sockets: Socket[] = [];
  afterEach(async () => {
    // The driver may leave its socket to a server that never answered; close would wait for it.
    for (const socket of sockets.splice(0)) socket.destroy();
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });
  const listen = async (onConnection: (socket: Socket) => void) => {
    const server = createServer((socket) => {
      sockets.push(socket);
      onConnection(socket);
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return (server.address() as { port: number }).port;
  };
  const readWith = async (port: number) => {
    const setup = oracleSetup({ server: '127.0.0.1', port, connectTimeoutSeconds: 1 });
    const error = await setup
      .reader(loadOracleDriver)
      .read()
      .then(
        () => expect.fail('the read must fail'),
        (e: unknown) => e as Error & { code: string; hint: string },
      );
    expect(`${error.message}${error.hint}${setup.captured.text()}`).not.toContain(ORACLE_PASSWORD);
    return error;
  };

  it('no listener on the port: unreachable, check host, port, VPN, firewall', async () => {
    const port = await listen(() => undefined);
    await new Promise((r) => servers.pop()?.close(r));
    const error = await readWith(port);
    expect(error).toMatchObject({ code: 'ORACLE_UNREACHABLE' });
    expect(error.message).toContain(`Nothing accepted a connection at 127.0.0.1:${port}/psproddb`);
    expect(error.message).toMatch(/NJS-503/);
    expect(error.hint).toMatch(/VPN.*firewall/);
  });

  it('a port that accepts and never answers: a timeout that names the seconds', async () => {
    const error = await readWith(await listen(() => undefined));
    expect(error).toMatchObject({ code: 'ORACLE_CONNECT_TIMEOUT' });
    expect(error.message).toMatch(/within 1 seconds .*NJS-510/);
  });

  it('something that is not an Oracle listener hangs up: connection lost', async () => {
    const error = await readWith(await listen((socket) => socket.destroy()));
    expect(error).toMatchObject({ code: 'ORACLE_CONNECTION_LOST' });
  });
});
