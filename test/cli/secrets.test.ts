import { afterEach, describe, expect, it } from 'vitest';
import { startAspirEduSim, type AspirEduSim } from '../../src/sim/aspiredu/server.js';
import { cliSetup } from '../helpers/cli-setup.js';
import { runCli } from '../helpers/cli.js';
import { studentsCsv, writeFile } from '../helpers/temp.js';

// The AspirEDU token must never reach a log line, an error message or command output, even
// at the most verbose log level, whether the token works or not.

const TOKEN = 'tok-NEVER-PRINT-8d1f0a';
let sim: AspirEduSim;

// The test replaces the simulator with one that refuses the token; that one is closed here.
afterEach(async () => {
  await sim?.close();
});

async function setup() {
  const setup = await cliSetup({ sim: { token: TOKEN, students: [{ sisId: 's1' }] }, students: [['A', 's1']] });
  sim = setup.sim;
  // The token from a file, as in production; not in the environment.
  const tokenFile = writeFile(setup.dir, 'token', `${TOKEN}\n`);
  return { dir: setup.dir, env: { SIS_SYNC_CONFIG: setup.configFile, SIS_SYNC_ASPIREDU_TOKEN_FILE: tokenFile } };
}

describe('secrets in output', () => {
  it('never prints the token: trace-level run, config check, check, and a refused token', async () => {
    const { dir, env } = await setup();
    const outputs = [
      await runCli(['--log-level', 'trace', 'once'], env),
      await runCli(['config', 'check'], env),
      await runCli(['check'], env),
      await runCli(['--log-level', 'trace', 'uploads'], env),
    ];
    expect(outputs.map((o) => o.code)).toEqual([0, 0, 0, 0]);
    expect(outputs[1]?.stdout).toContain('"token": "[Sensitive]"');

    await sim.close();
    sim = await startAspirEduSim({ token: 'a-different-token' });
    const refused = await runCli(['--log-level', 'trace', 'check'], { ...env, SIS_SYNC_ASPIREDU_URL: sim.url });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/FAIL {2}AspirEDU API: .*answered 401: Invalid token\./);
    writeFile(
      dir,
      'students.csv',
      studentsCsv([
        ['A', 's1'],
        ['B', 's1'],
      ]),
    ); // something to upload
    const failedRun = await runCli(['--log-level', 'trace', 'once'], { ...env, SIS_SYNC_ASPIREDU_URL: sim.url });
    expect(failedRun.code).toBe(1);
    expect(failedRun.stderr).toContain('answered 401');

    for (const output of [...outputs, refused, failedRun]) {
      expect(output.stdout + output.stderr).not.toContain(TOKEN);
      expect(output.stdout + output.stderr).not.toContain(Buffer.from(TOKEN).toString('base64'));
    }
  });
});
