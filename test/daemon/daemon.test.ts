import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { Daemon } from '../../src/daemon/daemon.js';
import { ConfigError } from '../../src/errors.js';
import { HandTicker, ShiftedClock } from '../helpers/clocks.js';
import { waitFor } from '../helpers/cli.js';
import { DAEMON_TOKEN, daemonSetup, type DaemonSetup } from '../helpers/daemon-setup.js';
import { captureLog, type CapturedLog } from '../helpers/log-capture.js';

// The daemon in this process, against the simulator on 127.0.0.1, woken by hand, its time moved
// by the test: /healthz and /metrics over real HTTP, and what it refuses at start.

let setup: DaemonSetup | undefined;
const daemons: Daemon[] = [];

afterEach(async () => {
  for (const d of daemons.splice(0)) await d.stop('test end');
  await setup?.sim.close();
  setup = undefined;
});

async function startDaemon(config: Record<string, unknown> = {}, prepare: (s: DaemonSetup) => void = () => undefined) {
  setup = await daemonSetup(config);
  prepare(setup);
  const settings = loadConfig({ file: setup.configFile, env: setup.env }).settings;
  const captured: CapturedLog = captureLog();
  const clock = new ShiftedClock();
  const ticker = new HandTicker();
  const daemon = new Daemon({ settings, log: captured.log, clock, ticker });
  daemons.push(daemon);
  await daemon.start();
  return { daemon, captured, clock, ticker, settings, setup };
}

async function get(url: string): Promise<{ status: number; body: string; type: string }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.text(), type: response.headers.get('content-type') ?? '' };
}

describe('Daemon', () => {
  it('runs when the schedule says, and /metrics and /healthz tell about it', async () => {
    const { daemon, captured, clock, ticker } = await startDaemon();
    const url = daemon.healthUrl as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await waitFor(() => captured.events().includes('daemon.started'), 5_000, 'start');

    const before = await get(`${url}/healthz`);
    expect(before.status).toBe(200);
    expect(JSON.parse(before.body)).toMatchObject({
      status: 'ok',
      lastRun: null,
      nextRun: expect.stringMatching(/05:00 America\/Chicago$/),
    });

    clock.offsetMs += 24 * 3_600_000; // a day later: the 05:00 slot has come
    ticker.tick();
    await waitFor(() => daemon.health().lastRun?.outcome === 'success', 10_000, 'the scheduled run');
    expect(captured.events()).toContain('schedule.due');

    const health = JSON.parse((await get(`${url}/healthz`)).body);
    expect(health).toMatchObject({ status: 'ok', running: false, lastRun: { id: 1, outcome: 'success' } });

    const metrics = await get(`${url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.type).toContain('text/plain');
    expect(metrics.body).toContain('sis_sync_runs_total{outcome="success"} 1');
    expect(metrics.body).toContain('sis_sync_runs_total{outcome="failed"} 0');
    expect(metrics.body).toContain('sis_sync_uploads_total{status="success_missing"} 1'); // s3 is unknown
    expect(metrics.body).toContain('sis_sync_uploads_total{status="success"} 1');
    expect(metrics.body).toContain('sis_sync_rows_uploaded_total 4');
    expect(metrics.body).toContain('sis_sync_missing_users{data_type="student"} 1');
    expect(metrics.body).toContain('sis_sync_run_duration_seconds_count 1');
    expect(metrics.body).toMatch(/sis_sync_last_success_timestamp_seconds \d{10}/);
    expect(metrics.body).toContain('process_resident_memory_bytes');

    expect((await get(`${url}/nothing`)).status).toBe(404);
    for (const text of [captured.text(), metrics.body, JSON.stringify(health)]) expect(text).not.toContain(DAEMON_TOKEN);
  });

  it('answers 503 with the reason when the scheduler stops waking up', async () => {
    const { daemon, clock, ticker } = await startDaemon();
    const url = daemon.healthUrl as string;
    ticker.tick();
    expect((await get(`${url}/healthz`)).status).toBe(200);
    clock.offsetMs += 10 * 60_000; // ten minutes without a wake-up
    const stale = await get(`${url}/healthz`);
    expect(stale.status).toBe(503);
    expect(JSON.parse(stale.body).reasons[0]).toContain('the scheduler has not woken up since');
    ticker.tick();
    expect((await get(`${url}/healthz`)).status).toBe(200);
  });

  it('starts with the uploads a previous process left in flight, before any run', async () => {
    const first = await startDaemon({ schedule: { cron: '0 5 * * *', timezone: 'America/Chicago', runOnStart: true } }, (s) => {
      s.sim.holdUploads = true;
    });
    await waitFor(() => first.setup.sim.model.uploads.length === 1, 10_000, 'the first upload');
    await first.daemon.stop('SIGTERM');
    expect(first.captured.events()).toContain('run.interrupted');

    first.setup.sim.holdUploads = false;
    first.setup.sim.releaseHeldUploads();
    const settings = loadConfig({ file: first.setup.configFile, env: first.setup.env }).settings;
    const captured = captureLog();
    const again = new Daemon({ settings, log: captured.log, clock: new ShiftedClock(), ticker: new HandTicker() });
    daemons.push(again);
    await again.start();
    await waitFor(() => captured.events().includes('resume.finished'), 10_000, 'the resume');
    expect(captured.events()).toEqual(expect.arrayContaining(['resume.started', 'upload.resumed', 'upload.finished']));
    // Polled to its end, not sent again (a run on start may follow with the other data type).
    expect(first.setup.sim.model.uploads.filter((u) => u.dataType === 'student')).toHaveLength(1);
    expect(first.setup.sim.model.memberIds('', 'A', 'student')).toEqual(['s1']);
  });

  it('refuses to start on a port already in use, naming health.port, and leaves the state directory free', async () => {
    const { daemon, settings } = await startDaemon();
    const port = Number(new URL(daemon.healthUrl as string).port);
    const other = new Daemon({
      settings: { ...settings, health: { ...settings.health, port }, state: { dir: join(settings.state.dir, 'other') } },
      log: captureLog().log,
      ticker: new HandTicker(),
    });
    const error = await other.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ key: 'health.port', code: 'CONFIG_HEALTH_LISTEN' });
    expect(existsSync(join(settings.state.dir, 'other', 'sis-sync.lock'))).toBe(false);
  });

  it('refuses to start without what a run needs, before taking the lock', async () => {
    setup = await daemonSetup();
    const settings = loadConfig({ file: setup.configFile, env: {} }).settings; // no token
    const error = await new Daemon({ settings, log: captureLog().log, ticker: new HandTicker() }).start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'CONFIG_MISSING', key: 'aspiredu.token' });
    expect(existsSync(setup.stateDir)).toBe(false);
  });
});
