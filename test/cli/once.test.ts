import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AspirEduSim } from '../../src/sim/aspiredu/server.js';
import { openStateReadOnly } from '../../src/state/store.js';
import { runCli, startCli, waitFor } from '../helpers/cli.js';
import { cliSetup } from '../helpers/cli-setup.js';

// The real CLI in a child process against the simulator: exit codes, output, and a kill -9.

let sim: AspirEduSim;

async function setup(config: Record<string, unknown> = {}) {
  const setup = await cliSetup({
    sim: { processingDelayMs: 20, students: [{ sisId: 's1' }, { sisId: 's2' }], viewers: [{ sisId: 't1' }] },
    students: [
      ['A', 's1'],
      ['B', 's2'],
    ],
    viewers: [['A', 't1', false]],
    config: { aspiredu: { pollIntervalSeconds: 0.05 }, ...config },
  });
  sim = setup.sim;
  return { file: setup.configFile, env: setup.env, stateDir: setup.stateDir, writeStudents: setup.writeStudents };
}

describe('sis-sync once', () => {
  it('syncs, exits 0, and a second run uploads nothing', async () => {
    const { env } = await setup();
    const first = await runCli(['once'], env);
    expect(first.stderr).not.toContain('"level":"error"');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('3 dashboards to upload (3 new)');
    const second = await runCli(['once'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Nothing changed');
    expect(sim.model.uploads).toHaveLength(2);
  });

  it('exits 1 when an upload ends in error, and says why', async () => {
    const { env } = await setup();
    sim.failNextUploads(1, 'No mappings found');
    const result = await runCli(['once'], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('error: No mappings found');
    expect(result.stderr).toContain('"event":"upload.finished"');
  });

  it('exits 2 naming the setting when a value is bad', async () => {
    const { env } = await setup();
    const result = await runCli(['once'], { ...env, SIS_SYNC_ASPIREDU_POLL_INTERVAL_SECONDS: 'soon' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('aspiredu.pollIntervalSeconds: must be a number greater than 0');
  });

  it('exits 2 for an http:// URL unless allowInsecureHttp is set', async () => {
    const { env } = await setup({ allowInsecureHttp: false });
    const result = await runCli(['once'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('aspiredu.url uses http://');
  });

  it('exits 2 for an unknown command or option', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['once', '--bogus'])).code).toBe(2);
  });

  it('resumes polling after being killed with SIGKILL, and uploads nothing twice', async () => {
    const { env, stateDir } = await setup();
    sim.holdUploads = true;
    const { child, done } = startCli(['once'], env);
    // Killed while polling: the upload exists in AspirEDU and its id is in the state store.
    await waitFor(
      () => sim.requests.some((r) => r.method === 'GET' && r.path.includes('/upload/') && r.path.length > 40),
      10_000,
      'first poll',
    );
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    expect(sim.model.uploads).toHaveLength(1);

    sim.holdUploads = false;
    sim.releaseHeldUploads();
    const next = await runCli(['once'], env);
    expect(next.code).toBe(0);
    expect(next.stdout).toContain('Finished 1 upload left in flight');
    expect(sim.model.uploads.map((u) => u.dataType)).toEqual(['student', 'viewer']);
    expect(sim.model.memberIds('', 'A', 'student')).toEqual(['s1']);

    const store = openStateReadOnly(stateDir);
    expect(store?.runs.recent(5).map((r) => r.outcome)).toEqual(['success', 'interrupted']);
    store?.close();
  });

  it('refuses to start while another process holds the state directory', async () => {
    const { env } = await setup();
    sim.holdUploads = true;
    const { child, done } = startCli(['once'], env);
    await waitFor(() => sim.model.uploads.length === 1, 10_000, 'first upload');
    const second = await runCli(['once'], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/Another sis-sync process \(pid \d+/);
    child.kill('SIGKILL');
    await done;
  });
});

describe('sis-sync plan', () => {
  it('prints what would change and writes nothing, not even the state directory', async () => {
    const { env, stateDir } = await setup();
    const result = await runCli(['plan'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/student\s+-\s+A\s+create\s+1\s+0/);
    expect(result.stdout).toContain('first sync');
    expect(existsSync(stateDir)).toBe(false);
    expect(sim.requests).toEqual([]);
  });

  it('--json lists each dashboard with added and removed ids', async () => {
    const { env, writeStudents } = await setup();
    await runCli(['once'], env);
    writeStudents([
      ['A', 's1'],
      ['A', 's2'],
    ]);
    const result = await runCli(['plan', '--json'], env);
    const plan = JSON.parse(result.stdout) as { changes: Array<{ name: string; action: string; added: string[]; removed: string[] }> };
    expect(plan.changes.filter((c) => c.action !== 'unchanged')).toEqual([
      expect.objectContaining({ name: 'A', action: 'update', added: ['s2'], removed: [] }),
      expect.objectContaining({ name: 'B', action: 'empty', added: [], removed: ['s2'] }),
    ]);
    expect(sim.model.uploads).toHaveLength(2);
  });
});
