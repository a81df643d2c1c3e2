import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src/error-codes.js';
import { HeldError } from '../../src/errors.js';
import type { HeldRun } from '../../src/notify/held-run.js';
import type { MailSettings } from '../../src/notify/mail-settings.js';
import { DigestNotifier } from '../../src/notify/notifier.js';
import { openState, type StateStore } from '../../src/state/store.js';
import type { RunReport } from '../../src/sync/run.js';
import { captureLog } from '../helpers/log-capture.js';
import { quietRunReport } from '../helpers/run-reports.js';
import { startTestSmtp, TEST_CERT_FILE, type TestSmtp } from '../helpers/smtp.js';
import { tempDir } from '../helpers/temp.js';
import { readFileSync } from 'node:fs';
import { heldRun } from './fixtures.js';

// Runs held by the safety guard (issue 7 builds the guard; here its output is built by hand):
// the held recipients learn which dashboards would lose whom and how to approve, once, with
// reminders while the hold lasts and a note when it ends.

let smtp: TestSmtp;
let store: StateStore;
let now = Date.parse('2026-11-23T13:00:00.000Z');

beforeEach(async () => {
  smtp = await startTestSmtp({ tls: 'starttls' });
  store = openState(tempDir());
  now = Date.parse('2026-11-23T13:00:00.000Z');
});

afterEach(async () => {
  store.close();
  await smtp.close();
});

function notifier(): DigestNotifier {
  const mail: MailSettings = {
    smtp: {
      host: '127.0.0.1',
      port: smtp.port,
      implicitTls: false,
      requireTls: true,
      user: '',
      password: '',
      ca: readFileSync(TEST_CERT_FILE, 'utf8'),
      timeoutMs: 5000,
    },
    from: 'sis-sync@district.test',
    district: 'Springfield USD',
    timeZone: 'UTC',
    identify: 'names',
    recipients: { errors: ['it@district.test'], missingUsers: [], changes: [], held: ['principal@district.test'], drift: [] },
    reminderMs: 24 * 3_600_000,
    heartbeatMs: 0,
    outboxMaxAgeMs: 72 * 3_600_000,
  };
  return new DigestNotifier({
    mail,
    store,
    log: captureLog().log,
    clock: { now: () => now, sleep: async () => undefined },
    host: 'sync01',
  });
}

function held(runId: number): HeldRun {
  return { ...heldRun(), runId };
}

function success(runId: number): RunReport {
  return quietRunReport({ runId });
}

describe('held runs', () => {
  it('tells the held recipients what would be removed and how to approve, once per day while it lasts, and when it ends', async () => {
    const principal = () => smtp.to('principal@district.test');
    await notifier().afterRun({ kind: 'held', held: held(5) }, 5);
    expect(smtp.messages.map((m) => m.rcptTo)).toEqual([['principal@district.test']]);
    const first = principal()[0];
    expect(first?.subject).toBe('Springfield USD: sis-sync run 5 held, approval needed — would remove 4 members from 2 dashboards');
    expect(first?.text).toContain('412 of 1,980 managed memberships (20.8%) would be removed;');
    expect(first?.text).toContain('  - Lincoln High — Grade 9\n    Holds: students; Members now: 300; After: 297; Would lose: 3');
    expect(first?.text).toContain('Student 2, Lincoln High (id 10002)');
    expect(first?.text).toContain('    sis-sync approve 5');
    expect(first?.html).toContain('sis-sync approve 5</span>');

    now += 3_600_000;
    await notifier().afterRun({ kind: 'held', held: held(6) }, 6);
    expect(principal()).toHaveLength(1);

    now += 24 * 3_600_000;
    await notifier().afterRun({ kind: 'held', held: held(7) }, 7);
    expect(principal()).toHaveLength(2);
    expect(principal()[1]?.text).toContain('sis-sync approve 7');
    expect(principal()[1]?.text).toContain('(3 runs)');

    now += 3_600_000;
    await notifier().afterRun({ kind: 'report', report: success(8) }, 8);
    expect(principal()).toHaveLength(3);
    expect(principal()[2]?.subject).toBe('Springfield USD: sis-sync run 8 done — hold ended');
    expect(principal()[2]?.text).toContain('a later run went ahead');
    // A hold is news for the held readers, not an error.
    expect(smtp.to('it@district.test')).toEqual([]);
  });

  it('a new hold on other dashboards is told at once', async () => {
    await notifier().afterRun({ kind: 'held', held: held(5) }, 5);
    now += 60_000;
    const other = held(6);
    other.dashboards = [
      { dataType: 'student', account: '', name: 'Washington Middle — Grade 6', before: 200, after: 0, losing: [{ id: '200001' }] },
    ];
    await notifier().afterRun({ kind: 'held', held: other }, 6);
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.messages[1]?.text).toContain('Washington Middle — Grade 6');
  });

  it('a run that fails before the guard judged it says nothing about the hold', async () => {
    await notifier().afterRun({ kind: 'held', held: held(5) }, 5);
    now += 25 * 3_600_000;
    await notifier().afterRun({ kind: 'error', error: new Error('disk full') }, 6);
    expect(smtp.to('principal@district.test')).toHaveLength(1);
    expect(smtp.to('it@district.test')).toHaveLength(1);
  });

  it('a guard that threw a HeldError without details still gets the reason and the approve command across', async () => {
    const error = new HeldError('The plan removes 52 % of viewer memberships; the limit is 10 %', {
      code: 'HELD_MASS_DELETE' as ErrorCode,
    });
    await notifier().afterRun({ kind: 'error', error }, 9);
    const [message] = smtp.to('principal@district.test');
    expect(message?.subject).toBe('Springfield USD: sis-sync run 9 held, approval needed');
    expect(message?.text).toContain('The plan removes 52 % of viewer memberships; the limit is 10 %');
    expect(message?.text).toContain('    sis-sync approve 9');
    expect(message?.text).not.toContain('It would remove');
    expect(smtp.to('it@district.test')).toEqual([]);
  });
});
