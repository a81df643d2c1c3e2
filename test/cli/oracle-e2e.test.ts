import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CONFIG } from '../../src/sim/demo-paths.js';
import { startAspirEduSim, type AspirEduSim } from '../../src/sim/aspiredu/server.js';
import { DEMO_DISTRICT, demoAspirEduUsers, demoPeople, pluginAccessFor } from '../../src/sim/demo-district.js';
import { startPowerSchoolSim, type PowerSchoolSim } from '../../src/sim/powerschool/server.js';
import { startMailSink, type MailSink } from '../../src/sim/mail-sink.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

// The Oracle source through the real CLI, as built: `oracledb` is resolved to a SQLite-backed
// fake by a module hook in test/helpers/oracle-cli (nothing in src/ knows), over the very
// database the PowerSchool simulator serves. A run from Oracle must upload exactly what a run
// from the REST API uploads. The real driver, against a port that never answers, must make the
// CLI fail with a clear message and exit.

const HOOK = ['--import', 'tsx', '--import', new URL('../helpers/oracle-cli/register.ts', import.meta.url).pathname];
const PASSWORD = 'cli-oracle-Pa55word';

let ps: PowerSchoolSim | undefined;
let mail: MailSink | undefined;
const sims: AspirEduSim[] = [];
const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  await ps?.close();
  await mail?.close();
  ps = undefined;
  mail = undefined;
  await Promise.all(sims.splice(0).map((s) => s.close()));
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function aspireduSim(): Promise<AspirEduSim> {
  mail ??= await startMailSink(join(tempDir(), 'mail'));
  const sim = await startAspirEduSim({ processingDelayMs: 5, ...demoAspirEduUsers(demoPeople()) });
  sims.push(sim);
  return sim;
}

function baseEnv(aspiredu: AspirEduSim, dir: string): Record<string, string> {
  return {
    SIS_SYNC_CONFIG: DEMO_CONFIG,
    SIS_SYNC_ASPIREDU_URL: aspiredu.url,
    SIS_SYNC_ASPIREDU_TOKEN: aspiredu.token,
    SIS_SYNC_ASPIREDU_POLL_INTERVAL_SECONDS: '0.02',
    SIS_SYNC_STATE_DIR: join(dir, 'state'),
    SIS_SYNC_NOTIFY_SMTP_URL: mail?.url ?? '',
  };
}

function oracleEnv(aspiredu: AspirEduSim, dir: string, password = PASSWORD): Record<string, string> {
  return {
    ...baseEnv(aspiredu, dir),
    SIS_SYNC_SOURCE_TYPE: 'powerschool-oracle',
    SIS_SYNC_ORACLE_SERVER: 'ps-db.district.test',
    SIS_SYNC_ORACLE_USER: 'sis_sync_ro',
    SIS_SYNC_ORACLE_PASSWORD: password,
    SIS_SYNC_TEST_ORACLE_SQLITE: join(dir, 'powerschool.db'),
    SIS_SYNC_TEST_ORACLE_PASSWORD: PASSWORD,
    SIS_SYNC_TEST_ORACLE_LOG: join(dir, 'oracle-log.json'),
  };
}

function everyDashboard(sim: AspirEduSim): Record<string, { students: string[]; viewers: Record<string, boolean> }> {
  return Object.fromEntries(
    sim.model
      .dashboardsIn('')
      .map((d) => d.name)
      .sort()
      .map((name) => [name, { students: sim.model.memberIds('', name, 'student'), viewers: sim.model.viewerAllies('', name) }]),
  );
}

describe('Oracle source through the CLI', () => {
  it(
    'uploads the same dashboards as the REST source, in one read-only transaction, and checks each query',
    { timeout: 60_000 },
    async () => {
      const dir = tempDir();
      ps = await startPowerSchoolSim({
        district: DEMO_DISTRICT,
        access: pluginAccessFor(DEMO_CONFIG),
        database: join(dir, 'powerschool.db'),
      });
      const viaRest = await aspireduSim();
      const rest = await runCli(['once'], {
        ...baseEnv(viaRest, join(dir, 'rest')),
        SIS_SYNC_POWERSCHOOL_URL: ps.url,
        SIS_SYNC_POWERSCHOOL_CLIENT_SECRET: ps.clientSecret,
      });
      expect(rest.code).toBe(0);

      const viaOracle = await aspireduSim();
      const env = oracleEnv(viaOracle, dir);
      const oracle = await runCli(['once'], env, HOOK);
      expect(oracle.stderr).not.toContain('"level":"error"');
      expect(oracle.code).toBe(0);
      expect(Object.keys(everyDashboard(viaOracle)).length).toBeGreaterThan(10);
      expect(everyDashboard(viaOracle)).toEqual(everyDashboard(viaRest));
      expect(`${oracle.stdout}${oracle.stderr}`).not.toContain(PASSWORD);

      const log = JSON.parse(readFileSync(env.SIS_SYNC_TEST_ORACLE_LOG as string, 'utf8')) as {
        executed: string[];
        connectionsOpen: number;
        poolsOpen: number;
        rollbacks: number;
        pools: Array<Record<string, unknown>>;
      };
      expect(log.executed.slice(0, 2)).toEqual(['ALTER SESSION SET CURRENT_SCHEMA = PS', 'SET TRANSACTION READ ONLY']);
      expect(log).toMatchObject({ connectionsOpen: 0, poolsOpen: 0, rollbacks: 1 });
      expect(log.pools[0]).toMatchObject({ user: 'sis_sync_ro', connectString: 'ps-db.district.test:1521/psproddb' });

      const check = await runCli(['check'], env, HOOK);
      expect(check.code).toBe(0);
      expect(check.stdout).toMatch(/Oracle connection \(sis_sync_ro at ps-db\.district\.test:1521\/psproddb\).*Oracle 19/);
      expect(check.stdout).toMatch(/Oracle query org\.sissync\.aspiredu\.roster\.enrollments.*\d+ rows; first 5 read/);
      expect(check.stdout).toMatch(/Oracle table U_STUDENTSUSERFIELDS/);
      // The REST API's checks are not run for the Oracle source, even with powerschool.url set.
      expect(check.stdout).not.toMatch(/PowerSchool (token|settings)/);
    },
  );

  it('a wrong password fails the run with what to check, and uploads nothing', async () => {
    const dir = tempDir();
    ps = await startPowerSchoolSim({ district: DEMO_DISTRICT, database: join(dir, 'powerschool.db') });
    const aspiredu = await aspireduSim();
    const result = await runCli(['once'], oracleEnv(aspiredu, dir, 'not-the-password'), HOOK);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Oracle refused the login of sis_sync_ro');
    expect(result.stderr).toContain('SIS_SYNC_ORACLE_PASSWORD');
    expect(result.stderr).not.toContain('not-the-password');
    expect(aspiredu.model.dashboardsIn('')).toEqual([]);
  });

  it('check with a wrong password says so once, skips the queries that need the login, and never says "Nothing was uploaded"', async () => {
    const dir = tempDir();
    ps = await startPowerSchoolSim({ district: DEMO_DISTRICT, database: join(dir, 'powerschool.db') });
    const aspiredu = await aspireduSim();
    const result = await runCli(['check'], oracleEnv(aspiredu, dir, 'not-the-password'), HOOK);
    expect(result.code).toBe(1);
    expect(result.stdout.match(/Oracle refused the login/g)).toHaveLength(1);
    expect(result.stdout).toMatch(/^skip {2}\d+ more checks need Oracle connection \(sis_sync_ro at [^)]+\): not tried until it works\.$/m);
    expect(result.stdout).not.toMatch(/FAIL {2}Oracle query/);
    expect(result.stdout).not.toMatch(/nothing was uploaded/i);
    expect(result.stdout).toMatch(/^ok {4}AspirEDU API/m);
  });

  it('with the real driver, a database port that never answers ends the run with a timeout message, and the process exits', async () => {
    const server = createServer((socket) => sockets.push(socket));
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const dir = tempDir();
    const aspiredu = await aspireduSim();
    const result = await runCli(['once'], {
      ...baseEnv(aspiredu, dir),
      SIS_SYNC_SOURCE_TYPE: 'powerschool-oracle',
      SIS_SYNC_ORACLE_SERVER: '127.0.0.1',
      SIS_SYNC_ORACLE_PORT: String((server.address() as { port: number }).port),
      SIS_SYNC_ORACLE_USER: 'sis_sync_ro',
      SIS_SYNC_ORACLE_PASSWORD: PASSWORD,
      SIS_SYNC_ORACLE_CONNECT_TIMEOUT_SECONDS: '1',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No answer from 127\.0\.0\.1:\d+\/psproddb within 1 seconds/);
    expect(result.stderr).toMatch(/VPN/);
    expect(result.stderr).not.toContain(PASSWORD);
  });
});
