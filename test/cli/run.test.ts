import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStateReadOnly } from '../../src/state/store.js';
import { runCli, waitFor } from '../helpers/cli.js';
import { DAEMON_TOKEN, daemonSetup, type DaemonSetup } from '../helpers/daemon-setup.js';
import { startDaemonProcess, type DaemonProcess } from '../helpers/daemon-process.js';

// `sis-sync run` as real processes and real signals: one process per state directory, a graceful
// stop in the middle of polling followed by a start that resumes, a second signal, the grace limit.

let setup: DaemonSetup | undefined;
const running: DaemonProcess[] = [];

afterEach(async () => {
  for (const p of running.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await p.done;
  }
  await setup?.sim.close();
  setup = undefined;
});

function start(env: Record<string, string>): DaemonProcess {
  const p = startDaemonProcess(env);
  running.push(p);
  return p;
}

const uploadPolls = (s: DaemonSetup) =>
  s.sim.requests.filter((r) => r.method === 'GET' && /\/upload\/[0-9a-f-]{36}\/$/.test(r.path)).length;
const uploadPosts = (s: DaemonSetup) => s.sim.requests.filter((r) => r.method === 'POST').length;

describe('sis-sync run', () => {
  it('holds the state directory for its whole life: a second process refuses to start, naming the first', async () => {
    setup = await daemonSetup();
    const first = start(setup.env);
    await first.waitForEvent('daemon.started');
    expect(existsSync(join(setup.stateDir, 'sis-sync.lock'))).toBe(true);

    const second = await runCli(['run'], setup.env);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`Another sis-sync process (pid ${first.child.pid}`);
    expect(second.stderr).toContain('"run"');

    // Nothing in the state directory is readable by others, and none of it holds the token.
    for (const name of readdirSync(setup.stateDir)) {
      const path = join(setup.stateDir, name);
      expect((statSync(path).mode & 0o077).toString(8), name).toBe('0');
      expect(readFileSync(path).includes(DAEMON_TOKEN), name).toBe(false);
    }

    first.child.kill('SIGTERM');
    const result = await first.done;
    expect(result.code).toBe(0);
    expect(existsSync(join(setup.stateDir, 'sis-sync.lock'))).toBe(false);
    expect(result.stderr).not.toContain(DAEMON_TOKEN);
  });

  it('SIGTERM while polling: exits 0 with the run recorded as interrupted; the next start resumes polling and sends nothing again', async () => {
    setup = await daemonSetup({ schedule: { cron: '0 5 * * *', timezone: 'America/Chicago', runOnStart: true } });
    const s = setup;
    s.sim.holdUploads = true;
    const first = start(s.env);
    await waitFor(() => uploadPolls(s) >= 2, 15_000, 'polling');
    first.child.kill('SIGTERM');
    const stopped = await first.done;
    expect(stopped.code).toBe(0);
    const events = stopped.stderr
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['daemon.stopping', 'run.interrupted', 'daemon.stopped']));
    expect(events.find((e) => e.event === 'daemon.stop_timeout')).toBeUndefined();

    const afterStop = openStateReadOnly(s.stateDir);
    expect(afterStop?.runs.recent(5).map((r) => r.outcome)).toEqual(['interrupted']);
    expect(afterStop?.uploads.inFlight().map((u) => u.phase)).toEqual(['polling']);
    afterStop?.close();
    expect(uploadPosts(s)).toBe(1);

    s.sim.holdUploads = false;
    s.sim.releaseHeldUploads();
    const second = start({ ...s.env, SIS_SYNC_SCHEDULE_RUN_ON_START: 'false' });
    await second.waitForEvent('resume.finished');
    second.child.kill('SIGTERM');
    expect((await second.done).code).toBe(0);

    expect(uploadPosts(s)).toBe(1);
    expect(s.sim.model.memberIds('', 'A', 'student')).toEqual(['s1']);
    const store = openStateReadOnly(s.stateDir);
    expect(store?.uploads.inFlight()).toEqual([]);
    expect(store?.snapshots.counts().dashboards).toBeGreaterThan(0);
    store?.close();
    expect(first.stderr() + second.stderr()).not.toContain(DAEMON_TOKEN);
  });

  it('a second signal stops it at once, with state consistent and the lock released', async () => {
    // Every answer takes 20 s: the upload POST is in flight and no safe point comes soon.
    setup = await daemonSetup({ schedule: { cron: '0 5 * * *', runOnStart: true }, daemon: { shutdownGraceSeconds: 60 } });
    const s = setup;
    s.sim.faults.latencyMs = 20_000;
    const p = start(s.env);
    await waitFor(() => s.sim.requests.some((r) => r.method === 'POST'), 15_000, 'the upload POST');
    p.child.kill('SIGTERM');
    await p.waitForEvent('daemon.stopping');
    const before = Date.now();
    p.child.kill('SIGINT');
    const result = await p.done;
    expect(result.code).toBe(130);
    expect(Date.now() - before).toBeLessThan(5_000);
    expect(result.stderr).toContain('"event":"daemon.forced_stop"');
    expect(existsSync(join(s.stateDir, 'sis-sync.lock'))).toBe(false);
    const store = openStateReadOnly(s.stateDir);
    expect(store?.runs.recent(5).map((r) => r.outcome)).toEqual(['interrupted']);
    // The intent written before the POST is still there: the next start looks for that upload.
    expect(store?.uploads.inFlight().map((u) => u.phase)).toEqual(['sending']);
    store?.close();
  });

  it('stops after daemon.shutdownGraceSeconds when the current step does not end, and exits 0', async () => {
    setup = await daemonSetup({ schedule: { cron: '0 5 * * *', runOnStart: true }, daemon: { shutdownGraceSeconds: 1 } });
    const s = setup;
    s.sim.faults.latencyMs = 20_000;
    const p = start(s.env);
    await waitFor(() => s.sim.requests.some((r) => r.method === 'POST'), 15_000, 'the upload POST');
    p.child.kill('SIGTERM');
    const result = await p.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('"event":"daemon.stop_timeout"');
    const store = openStateReadOnly(s.stateDir);
    expect(store?.runs.recent(5).map((r) => r.outcome)).toEqual(['interrupted']);
    store?.close();
  });

  it('exits 2 naming the setting when the schedule is wrong', async () => {
    setup = await daemonSetup({ schedule: { cron: 'every day at five' } });
    const result = await runCli(['run'], setup.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('schedule.cron: must have 5 fields');
  });
});
