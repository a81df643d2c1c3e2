import { runCycle, type RunCycleResult } from '../../src/app/run-cycle.js';
import { systemClock, type Clock } from '../../src/util/clock.js';
import { createHarness, type Harness, type HarnessOptions } from './harness.js';
import { startTestSmtp, TEST_CERT_FILE, type TestSmtp, type TestSmtpOptions } from './smtp.js';

// The sync harness (AspirEDU simulator, rows files, SQLite state) plus a real SMTP server on
// 127.0.0.1, with runs going through `runCycle` as every entry point runs them. The clock runs
// in real time but can be moved forward, so that reminders and heartbeats come due at once.

export const RECIPIENTS = {
  errors: ['it@district.test'],
  missingUsers: ['registrar@district.test'],
  changes: ['data@district.test'],
  held: ['principal@district.test'],
};

export interface NotifyHarness extends Harness {
  smtp: TestSmtp;
  clock: Clock;
  /** Moves the clock forward. */
  advanceHours(hours: number): void;
  cycle(): Promise<RunCycleResult>;
}

export interface NotifyHarnessOptions extends HarnessOptions {
  smtp?: TestSmtpOptions;
  /** notify.* settings over the defaults (the test server, RECIPIENTS). */
  notify?: Record<string, unknown>;
}

export async function createNotifyHarness(options: NotifyHarnessOptions = {}): Promise<NotifyHarness> {
  // STARTTLS with the test certificate, trusted through notify.smtpCaFile, as a district with an internal CA would.
  const smtp = await startTestSmtp({ tls: 'starttls', ...options.smtp });
  let offsetMs = 0;
  const clock: Clock = { now: () => Date.now() + offsetMs, sleep: systemClock.sleep };
  const notify = {
    smtpUrl: smtp.url,
    from: 'sis-sync@district.test',
    districtName: 'Springfield USD',
    smtpTimeoutSeconds: 5,
    smtpCaFile: TEST_CERT_FILE,
    ...RECIPIENTS,
    ...options.notify,
  };
  const h = await createHarness({ ...options, config: { ...options.config, notify } });
  return {
    ...h,
    smtp,
    clock,
    advanceHours(hours) {
      offsetMs += hours * 3_600_000;
    },
    cycle: () => runCycle({ settings: h.settings, store: h.store, log: h.captured.log, trigger: 'test', clock }),
    async close() {
      await h.close();
      await smtp.close();
    },
  };
}
