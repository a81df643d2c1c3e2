import { describe, expect, it } from 'vitest';
import { openStateReadOnly } from '../../src/state/store.js';
import { runCli, startCli, waitFor } from '../helpers/cli.js';
import { cliSetup } from '../helpers/cli-setup.js';
import { daemonSetup } from '../helpers/daemon-setup.js';
import { startDaemonProcess } from '../helpers/daemon-process.js';

// Signals end a run cleanly: logged, recorded as interrupted with the signal's name, exit
// 128 + its number; the upload in flight is resumed by the next run exactly as after a kill.
// The daemon logs SIGHUP and goes on.

function events(stderr: string): Array<Record<string, unknown>> {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('sis-sync once and signals', () => {
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    it(`${signal} while polling: logged, the run recorded as interrupted, exit ${code}; the next run resumes and sends nothing twice`, async () => {
      const setup = await cliSetup({
        sim: { processingDelayMs: 20, students: [{ sisId: 's1' }], viewers: [] },
        students: [['A', 's1']],
      });
      const { sim, env, stateDir } = setup;
      sim.holdUploads = true;
      const { child, done } = startCli(['once'], env);
      await waitFor(() => sim.requests.some((r) => r.method === 'GET' && /\/upload\/[0-9a-f-]{36}\/$/.test(r.path)), 15_000, 'first poll');
      child.kill(signal);
      const stopped = await done;
      expect(stopped.code).toBe(code);
      const logged = events(stopped.stderr);
      expect(logged.find((e) => e.event === 'run.stop_requested')).toMatchObject({ signal, level: 'warn' });
      expect(logged.find((e) => e.event === 'run.interrupted')).toBeDefined();
      // No error message for a stop asked for.
      expect(stopped.stderr).not.toContain('error: ');

      const afterStop = openStateReadOnly(stateDir);
      expect(afterStop?.runs.recent(5).map((r) => [r.outcome, r.error?.split('\n')[0]])).toEqual([
        ['interrupted', `interrupted by ${signal}`],
      ]);
      expect(afterStop?.uploads.inFlight().map((u) => u.phase)).toEqual(['polling']);
      afterStop?.close();

      sim.holdUploads = false;
      sim.releaseHeldUploads();
      const next = await runCli(['once'], env);
      expect(next.code).toBe(0);
      expect(next.stdout).toContain('Finished 1 upload left in flight');
      expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
      expect(sim.model.memberIds('', 'A', 'student')).toEqual(['s1']);
      const store = openStateReadOnly(stateDir);
      expect(store?.runs.recent(5).map((r) => r.outcome)).toEqual(['success', 'interrupted']);
      store?.close();
    });
  }
});

describe('sis-sync run and SIGHUP', () => {
  it('logs SIGHUP and goes on (the configuration is read at start); SIGTERM still stops it, exit 0', async () => {
    const setup = await daemonSetup();
    try {
      const daemon = startDaemonProcess(setup.env);
      const started = await daemon.waitForEvent('daemon.started');
      daemon.child.kill('SIGHUP');
      expect(await daemon.waitForEvent('daemon.sighup_ignored')).toMatchObject({ level: 'warn' });
      expect((await fetch(`${String(started.health)}/healthz`)).status).toBe(200);
      daemon.child.kill('SIGTERM');
      const result = await daemon.done;
      expect(result.code).toBe(0);
      expect(daemon.events().map((e) => e.event)).toContain('daemon.stopped');
    } finally {
      await setup.sim.close();
    }
  });
});
