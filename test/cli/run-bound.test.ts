import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { AspirEduSim } from '../../src/sim/aspiredu/server.js';
import type { MailSink } from '../../src/sim/mail-sink.js';
import { openStateReadOnly } from '../../src/state/store.js';
import { runCli } from '../helpers/cli.js';
import { startDaemonProcess } from '../helpers/daemon-process.js';
import { startDemoSims } from '../helpers/demo-sims.js';
import { writeFile } from '../helpers/temp.js';

// A run always ends: a mapping module that never returns is stopped on mapping.moduleTimeoutSeconds,
// a run that goes on too long on sync.runTimeoutMinutes, and either way the run is recorded as
// failed (never left "running") and the daemon keeps answering /healthz meanwhile.

let aspiredu: AspirEduSim;
let mail: MailSink;

const WAITS_FOR_EVER = `export default () => new Promise(() => setInterval(() => {}, 1000));`;
const LOOPS = `export default () => { console.log('looping now'); for (;;) {} };`;

async function setup(moduleSource: string, env: Record<string, string> = {}) {
  const demo = await startDemoSims();
  ({ aspiredu, mail } = demo);
  const modulePath = writeFile(demo.dir, 'rules.mjs', moduleSource);
  return { modulePath, stateDir: demo.stateDir, env: { ...demo.env, SIS_SYNC_MAPPING_MODULE: modulePath, ...env } };
}

function runsIn(stateDir: string) {
  const store = openStateReadOnly(stateDir);
  try {
    return store?.runs.recent(10) ?? [];
  } finally {
    store?.close();
  }
}

describe('a run that would never end', () => {
  it('once: a module that never returns fails the run on mapping.moduleTimeoutSeconds, exit 1, naming the module', async () => {
    const { env, modulePath, stateDir } = await setup(WAITS_FOR_EVER, { SIS_SYNC_MAPPING_MODULE_TIMEOUT_SECONDS: '1' });
    const result = await runCli(['once'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `error: mapping.module ${modulePath} did not finish within 1 seconds (mapping.moduleTimeoutSeconds); it was stopped`,
    );
    const [run] = runsIn(stateDir);
    expect(run).toMatchObject({ outcome: 'failed', error: expect.stringContaining('mapping.moduleTimeoutSeconds') });
    expect(aspiredu.model.uploads).toHaveLength(0);
  });

  it('once: a run past sync.runTimeoutMinutes is stopped and recorded as failed, exit 1', async () => {
    const { env, stateDir } = await setup(LOOPS, { SIS_SYNC_SYNC_RUN_TIMEOUT_MINUTES: '0.02' });
    const result = await runCli(['once'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: The run went on for longer than sync.runTimeoutMinutes (0.02 minutes) allows and was stopped');
    expect(result.stderr).toContain('"event":"run.timed_out"');
    const [run] = runsIn(stateDir);
    expect(run).toMatchObject({ outcome: 'failed', error: expect.stringContaining('sync.runTimeoutMinutes (0.02 minutes)') });
    // The errors digest tells the people on notify.errors.
    const texts = await Promise.all(mail.received.map(async (m) => (await simpleParser(readFileSync(m.file))).text ?? ''));
    // Plain text is wrapped at 78 columns: compare words, not line breaks.
    expect(texts.join('\n').replace(/\s+/g, ' ')).toContain(
      'A run took longer than sis-sync allows (sync.runTimeoutMinutes) and was stopped',
    );
  });

  it('the daemon answers /healthz while a module loops, and the run fails on its bound', async () => {
    const { env, stateDir } = await setup(LOOPS, {
      SIS_SYNC_SYNC_RUN_TIMEOUT_MINUTES: '0.05',
      SIS_SYNC_SCHEDULE_RUN_ON_START: 'true',
      SIS_SYNC_HEALTH_PORT: '0',
    });
    const daemon = startDaemonProcess(env);
    try {
      const started = await daemon.waitForEvent('daemon.started');
      await daemon.waitForEvent('mapping.module_output');
      const health = await fetch(`${String(started.health)}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', running: true, stuck: false, lastRun: { outcome: 'running' } });
      const timedOut = await daemon.waitForEvent('run.timed_out');
      expect(timedOut).toMatchObject({ limitMinutes: 0.05 });
      await daemon.waitForEvent('daemon.run_error');
      const after = (await (await fetch(`${String(started.health)}/healthz`)).json()) as Record<string, unknown>;
      expect(after).toMatchObject({ status: 'ok', running: false, lastRun: { outcome: 'failed' } });
    } finally {
      daemon.child.kill('SIGTERM');
      await daemon.done;
    }
    expect(runsIn(stateDir)[0]).toMatchObject({ outcome: 'failed', error: expect.stringContaining('sync.runTimeoutMinutes') });
  });
});
