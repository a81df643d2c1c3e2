import { afterEach, describe, expect, it } from 'vitest';
import { runCli, waitFor } from '../helpers/cli.js';
import { startDaemonProcess, type DaemonProcess } from '../helpers/daemon-process.js';

// `sis-sync sim aspiredu`: the simulator on its own, as the demo stack's container runs it.

let sim: DaemonProcess | undefined;
afterEach(async () => {
  if (sim && sim.child.exitCode === null && sim.child.signalCode === null) sim.child.kill('SIGKILL');
  await sim?.done;
  sim = undefined;
});

describe('sis-sync sim aspiredu', () => {
  it('listens where told, knows the demo users, answers with its token, and stops on SIGTERM', async () => {
    sim = startDaemonProcess({}, ['sim', 'aspiredu', '--port', '0', '--token', 'tok-sim-81c2', '--processing-delay-ms', '0']);
    const process = sim;
    await waitFor(() => /listening on http:\/\/127\.0\.0\.1:\d+\n[^]*API token: \S+\n/.test(process.stdout()), 10_000, 'the banner');
    const url = /listening on (http:\/\/\S+)/.exec(sim.stdout())?.[1] as string;
    expect(sim.stdout()).toContain('API token: tok-sim-81c2');

    const unauthorised = await fetch(`${url}/detective/api/v2/dashboard/upload/`);
    expect(unauthorised.status).toBe(401);
    const upload = await fetch(`${url}/detective/api/v2/dashboard/upload/`, {
      method: 'POST',
      headers: { authorization: 'Bearer tok-sim-81c2', 'content-type': 'application/json' },
      body: JSON.stringify({
        data_type: 'student',
        clear_existing_policy: 'contained',
        data: [{ dashboard_name: 'A', student_sis_id: '100101' }],
      }),
    });
    expect(upload.status).toBe(200);
    const { id } = (await upload.json()) as { id: string };
    let detail: { status: string; missing: Record<string, string[]> } = { status: '', missing: {} };
    for (let i = 0; i < 50 && !detail.status.startsWith('success'); i++) {
      const answer = await fetch(`${url}/detective/api/v2/dashboard/upload/${id}/`, { headers: { authorization: 'Bearer tok-sim-81c2' } });
      detail = (await answer.json()) as typeof detail;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(detail.status).toBe('success');

    sim.child.kill('SIGTERM');
    const result = await sim.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Stopped (SIGTERM).');
  });

  it('exits 2 naming the option when a value is wrong', async () => {
    const result = await runCli(['sim', 'aspiredu', '--users', 'everyone']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--users must be "district", "rows" or "none"');
    expect((await runCli(['sim', 'aspiredu', '--port', 'eighty'])).code).toBe(2);
  });
});
