import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { Daemon } from '../../src/daemon/daemon.js';
import { waitFor } from '../helpers/cli.js';
import { HandTicker, ShiftedClock } from '../helpers/clocks.js';
import { daemonSetup, type DaemonSetup } from '../helpers/daemon-setup.js';
import { captureLog } from '../helpers/log-capture.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';

// The daemon's scheduled drift check (drift.cron): it finds dashboards edited behind the
// service's back, tells the notify.drift recipients once, and with drift.reconcile uploads
// them again.

const WATCHER = 'watcher@district.test';
let setup: DaemonSetup | undefined;
let smtp: TestSmtp | undefined;
let daemon: Daemon | undefined;

afterEach(async () => {
  await daemon?.stop('test end');
  await setup?.sim.close();
  await smtp?.close();
});

async function start(reconcile: boolean) {
  smtp = await startTestSmtp({ tls: 'none' });
  setup = await daemonSetup({
    schedule: { cron: '0 5 * * *', timezone: 'America/Chicago', runOnStart: true },
    drift: { cron: '0 6 * * *', reconcile },
    notify: { smtpUrl: smtp.url, smtpRequireTls: false, from: 'sis-sync@district.test', drift: [WATCHER] },
  });
  const settings = loadConfig({ file: setup.configFile, env: setup.env }).settings;
  const captured = captureLog();
  const clock = new ShiftedClock();
  const ticker = new HandTicker();
  daemon = new Daemon({ settings, log: captured.log, clock, ticker });
  await daemon.start();
  await waitFor(() => daemon?.health().lastRun?.outcome === 'success', 10_000, 'the run on start');
  return { captured, clock, ticker, sim: setup.sim };
}

/** Someone removes s1 from dashboard A in the web application. */
function editBehindTheBack(sim: DaemonSetup['sim']): void {
  const a = sim.model.dashboard('', 'A')!;
  const s1 = [...sim.model.students.values()].find((u) => u.sisId === 's1')!;
  a.students.delete(s1.id);
}

describe('scheduled drift check', () => {
  it('tells the drift recipients once what changed, and does not repeat the same findings', async () => {
    const { captured, clock, ticker, sim } = await start(false);
    editBehindTheBack(sim);
    clock.jumpTo('2030-01-15T12:30:00.000Z'); // 06:30 in Chicago: the drift check is due
    ticker.tick();
    await waitFor(() => captured.events().includes('drift.checked'), 10_000, 'the drift check');
    await waitFor(() => (smtp?.to(WATCHER).length ?? 0) === 1, 10_000, 'the drift email');
    const mail = smtp!.to(WATCHER)[0]!;
    expect(mail.subject).toMatch(/drift check — 1 dashboard changed outside sis-sync/);
    expect(mail.text).toMatch(/dashboards changed outside sis-sync/i);
    expect(mail.text.replace(/\s+/g, ' ')).toContain(
      ' - A Holds: students; Added in the web app: 0; Removed in the web app: 1; Ally changed: 0 ',
    );
    expect(mail.text).toContain('sis-sync drift --reconcile');
    expect(sim.model.memberIds('', 'A', 'student')).toEqual([]);

    clock.jumpTo('2030-01-16T12:30:00.000Z'); // the next day: same findings, nothing new to tell
    ticker.tick();
    await waitFor(() => captured.events().filter((e) => e === 'drift.checked').length === 2, 10_000, 'the second drift check');
    expect(smtp!.to(WATCHER)).toHaveLength(1);
  });

  it('uploads the drifted dashboards again with drift.reconcile', async () => {
    const { captured, clock, ticker, sim } = await start(true);
    editBehindTheBack(sim);
    clock.jumpTo('2030-01-15T12:30:00.000Z');
    ticker.tick();
    await waitFor(() => sim.model.memberIds('', 'A', 'student').includes('s1'), 10_000, 'the reconciling upload');
    expect(captured.entries().find((e) => e.event === 'drift.checked')).toMatchObject({ drifted: 1, reconciling: true });
    expect(captured.entries().some((e) => e.event === 'run.started' && e.trigger === 'reconcile')).toBe(true);
  });
});
