import { afterEach } from 'vitest';
import { runCli } from './cli.js';
import { cliSetup, type CliSetup } from './cli-setup.js';
import { startDaemonProcess, type DaemonProcess } from './daemon-process.js';
import { closedPort, startTestSmtp, type TestSmtp } from './smtp.js';

// A held run in the real daemon, with the approval page on: 100 students on 5 dashboards are
// uploaded by `once`, then the export loses 15 of them (over guard.maxRemovalShare), and the
// daemon's run on start holds the plan and mails the held digest to two readers through a real
// SMTP server. Everything started here is stopped after each test.

export const READERS = ['principal@district.test', 'data.manager@district.test'];
const ids = Array.from({ length: 100 }, (_, i) => `s${String(i).padStart(3, '0')}`);
const rows = (drop = 0) => ids.slice(0, ids.length - drop).map((id, i): [string, string] => [`Grade ${(i % 5) + 6}`, id]);

export interface HeldDaemon {
  setup: CliSetup;
  smtp: TestSmtp;
  daemon: DaemonProcess;
  /** Where the approval page answers (the daemon's own listener). */
  webUrl: string;
  /** The link each reader's digest carries. */
  linkFor(reader: string): string;
  /** Changes the export so that the next run gives another plan. */
  dropMore(count: number): void;
}

const running: Array<{ daemon: DaemonProcess; smtp: TestSmtp }> = [];

afterEach(async () => {
  for (const { daemon, smtp } of running.splice(0)) {
    if (daemon.child.exitCode === null) {
      daemon.child.kill('SIGTERM');
      await daemon.done;
    }
    await smtp.close();
  }
});

export async function startHeldDaemon(options: { linkHours?: number } = {}): Promise<HeldDaemon> {
  const smtp = await startTestSmtp();
  const port = await closedPort();
  const webUrl = `http://127.0.0.1:${port}`;
  const setup = await cliSetup({
    sim: { processingDelayMs: 2, students: ids.map((sisId) => ({ sisId })) },
    students: rows(),
    config: {
      schedule: { cron: '0 5 * * *', timezone: 'America/Chicago', runOnStart: true },
      health: { port: 0 },
      web: { publicUrl: webUrl, port, ...(options.linkHours ? { linkHours: options.linkHours } : {}) },
      notify: { smtpUrl: smtp.url, smtpRequireTls: false, from: 'sis-sync@district.test', districtName: 'Springfield USD', held: READERS },
    },
  });
  const env = { ...setup.env, USER: 'tester' };
  const first = await runCli(['once'], env);
  if (first.code !== 0) throw new Error(`the first run failed:\n${first.stderr}`);
  setup.writeStudents(rows(15));
  const daemon = startDaemonProcess(env);
  running.push({ daemon, smtp });
  await daemon.waitForEvent('run.held');
  await daemon.waitForEvent('notify.queued');
  const deadline = Date.now() + 15_000;
  while (READERS.some((r) => smtp.to(r).length === 0)) {
    if (Date.now() > deadline) throw new Error(`no held digest arrived:\n${daemon.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    setup,
    smtp,
    daemon,
    webUrl,
    linkFor(reader) {
      const text = smtp.to(reader).at(-1)?.text ?? '';
      const link = /Review and decide[^:]*:\s+(\S+)/.exec(text)?.[1];
      if (!link) throw new Error(`no link in the digest to ${reader}:\n${text}`);
      return link;
    },
    dropMore(count) {
      setup.writeStudents(rows(15 + count));
    },
  };
}
