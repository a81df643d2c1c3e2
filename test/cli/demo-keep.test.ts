import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, waitFor } from '../helpers/cli.js';
import { startDaemonProcess, type DaemonProcess } from '../helpers/daemon-process.js';
import { tempDir } from '../helpers/temp.js';

// `sis-sync demo --keep` ends with commands that explore what it kept; run as printed, they work.
// One liberty: the simulator is started on a free port rather than its default (another test
// may hold 8001), and its address given through SIS_SYNC_POWERSCHOOL_URL.

let sims: DaemonProcess[] = [];
afterEach(async () => {
  for (const sim of sims) if (sim.child.exitCode === null && sim.child.signalCode === null) sim.child.kill('SIGTERM');
  await Promise.all(sims.map((sim) => sim.done));
  sims = [];
});

/** The variables of the printed `. demo.env`. */
function sourced(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^export (\w+)=(.*)$/.exec(line);
    if (match) env[match[1] as string] = (match[2] as string).replace(/^'(.*)'$/, '$1');
  }
  return env;
}

describe('demo --keep', () => {
  it('prints commands for state, mail and plan that work as printed', async () => {
    const tmp = tempDir();
    const demo = await runCli(['demo', '--keep'], { TMPDIR: tmp });
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('(the `plan` command at the end lists them all)');
    expect(demo.stdout.match(/have no SIS id and were left out/g)).toHaveLength(1);
    const tail = demo.stdout.slice(demo.stdout.indexOf('\nKept '));
    const commands = tail
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => line.trim());
    const envFile = commands.find((c) => c.startsWith('. '))?.slice(2) as string;
    const env = sourced(envFile);
    expect(env.SIS_SYNC_STATE_DIR).toMatch(/^.*\/state$/);

    const cli = (command: string) =>
      command
        .replace(/^npx sis-sync /, '')
        .replace(/ &$/, '')
        .split(' ');
    for (const command of commands.filter((c) => /^npx sis-sync (status|missing|history)$/.test(c))) {
      const result = await runCli(cli(command), env);
      expect(result.code, `${command}: ${result.stderr}`).toBe(0);
    }
    expect((await runCli(['status'], env)).stdout).toMatch(/Managed: 88 dashboards/);
    expect((await runCli(['missing'], env)).stdout).toMatch(/2 people unknown to AspirEDU/);
    const mailDir = commands.find((c) => c.startsWith('ls '))?.slice(3) as string;
    expect(readdirSync(mailDir).filter((f) => f.endsWith('.eml')).length).toBeGreaterThan(0);

    const startSim = commands.find((c) => c.startsWith('npx sis-sync sim powerschool')) as string;
    const sim = startDaemonProcess({}, [...cli(startSim), '--port', '0']);
    sims.push(sim);
    await waitFor(() => /listening on http:\/\/\S+/.test(sim.stdout()), 10_000, 'the simulator');
    const url = /listening on (http:\/\/\S+)/.exec(sim.stdout())?.[1] as string;
    expect(commands).toContain('npx sis-sync plan');
    const plan = await runCli(cli('npx sis-sync plan'), { ...env, SIS_SYNC_POWERSCHOOL_URL: url });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('Nothing changed: 88 dashboards already up to date.');
  });
});
