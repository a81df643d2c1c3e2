import { chmodSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSource } from '../../src/app/wiring.js';
import { loadConfig } from '../../src/config/load.js';
import { silentLogger } from '../../src/log/logger.js';
import { scrubSecrets } from '../../src/util/secrets.js';
import { oracleConnectOptions } from '../../src/sources/powerschool/oracle/create-oracle-reader.js';
import { ORACLE_PASSWORD } from '../helpers/oracle.js';
import { tempDir, writeFile } from '../helpers/temp.js';

// oracle.* settings: a connect string or its parts, the password only from a secret (or with a
// warning from the file), and every mistake named by its key, never repeating a password.

const PASSWORD_ENV = { SIS_SYNC_ORACLE_PASSWORD: ORACLE_PASSWORD };

function load(oracle: Record<string, unknown>, env: Record<string, string> = PASSWORD_ENV, extra: Record<string, unknown> = {}) {
  const dir = tempDir();
  const file = writeFile(dir, 'config.json', JSON.stringify({ source: { type: 'powerschool-oracle' }, oracle, ...extra }));
  chmodSync(file, 0o600);
  return { ...loadConfig({ file, env }), dir };
}

describe('oracle settings', () => {
  it('builds an Easy Connect string from the parts, with PowerSchool defaults', () => {
    const options = oracleConnectOptions(load({ server: 'ps-db.district.org', user: 'ro' }).settings);
    expect(options).toMatchObject({
      connectString: 'ps-db.district.org:1521/psproddb',
      user: 'ro',
      password: ORACLE_PASSWORD,
      schema: 'PS',
    });
    expect(oracleConnectOptions(load({ server: 'fd00::5', port: 1522, service: 'pstest', user: 'ro' }).settings).connectString).toBe(
      '[fd00::5]:1522/pstest',
    );
    const full = '(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=psproddb)))';
    expect(oracleConnectOptions(load({ connectString: full, user: 'ro' }).settings).connectString).toBe(full);
  });

  it('reads the password from a *_FILE variable or a systemd credential, and masks it', () => {
    const dir = tempDir();
    const passwordFile = writeFile(dir, 'pw', `${ORACLE_PASSWORD}\n`);
    chmodSync(passwordFile, 0o600); // 644 would warn: other users could read it
    const fromFile = load({ server: 'db', user: 'ro' }, { SIS_SYNC_ORACLE_PASSWORD_FILE: passwordFile });
    expect(fromFile.settings.oracle.password).toBe(ORACLE_PASSWORD);
    expect(fromFile.masked()).not.toContain(ORACLE_PASSWORD);
    expect(fromFile.warnings).toEqual([]);
    writeFile(dir, 'oracle.password', ORACLE_PASSWORD);
    expect(load({ server: 'db', user: 'ro' }, { CREDENTIALS_DIRECTORY: dir }).settings.oracle.password).toBe(ORACLE_PASSWORD);
    // Registered as a secret: no log line or error printed by the CLI can hold it.
    expect(scrubSecrets(`login with ${ORACLE_PASSWORD}`)).toBe('login with [redacted]');
  });

  it('works with the password written in the config file, but warns', () => {
    const { warnings } = load({ server: 'db', user: 'ro', password: ORACLE_PASSWORD }, {});
    expect(warnings.join('\n')).toMatch(/holds oracle\.password in plain text.*\*_FILE variable or a systemd credential/);
    expect(warnings.join('\n')).not.toContain(ORACLE_PASSWORD);
  });

  it.each([
    [{ user: 'ro' }, PASSWORD_ENV, /needs oracle\.server \(or oracle\.connectString\)/, 'oracle.server'],
    [{ server: 'db' }, PASSWORD_ENV, /needs oracle\.user/, 'oracle.user'],
    [{ server: 'db', user: 'ro' }, {}, /needs the password of oracle\.user/, 'oracle.password'],
    [{ server: 'db', connectString: 'db:1521/x', user: 'ro' }, PASSWORD_ENV, /both set/, 'oracle.connectString'],
    [{ server: 'db:1521/psproddb', user: 'ro' }, PASSWORD_ENV, /host name or address only/, 'oracle.server'],
    [{ server: 'db', user: 'ro', schema: 'PS; DROP' }, PASSWORD_ENV, /not a plain Oracle schema name/, 'oracle.schema'],
  ])('names the key of a mistake: %j', (oracle, env, message, key) => {
    const { settings } = load(oracle, env);
    expect(() => oracleConnectOptions(settings)).toThrow(message);
    expect(() => oracleConnectOptions(settings)).toThrow(expect.objectContaining({ key }));
  });

  it('refuses a connect string holding "user/password@" without repeating it', () => {
    const { settings } = load({ connectString: 'ro/Hunter2-in-plain@db:1521/psproddb', user: 'ro' });
    const error = (() => {
      try {
        oracleConnectOptions(settings);
      } catch (e) {
        return e as Error & { hint: string };
      }
    })();
    expect(error?.message).toMatch(/oracle\.connectString holds a user name and password/);
    expect(`${error?.message}${error?.hint}`).not.toContain('Hunter2-in-plain');
    expect(scrubSecrets('ro/Hunter2-in-plain@db:1521/psproddb')).not.toContain('Hunter2');
  });

  it('is wired as source.type "powerschool-oracle", sharing the identity settings of powerschool.*', () => {
    const mapping = { rules: [{ name: 'Grades', kind: 'school-grade', nameTemplate: '{school.name} {grade}' }] };
    const source = createSource(load({ server: 'ps-db', user: 'ro' }, PASSWORD_ENV, { mapping }).settings, silentLogger());
    expect(source.description).toBe('PowerSchool Oracle ps-db:1521/psproddb');
    const bad = load({ server: 'ps-db', user: 'ro' }, PASSWORD_ENV, { mapping, powerschool: { studentIdField: 'locker' } }).settings;
    expect(() => createSource(bad, silentLogger())).toThrow(/powerschool\.studentIdField is "locker"/);
    expect(() => load({ server: 'ps-db', user: 'ro', port: 70000 })).toThrow(/oracle\.port/);
  });
});
