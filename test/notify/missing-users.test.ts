import { afterEach, describe, expect, it } from 'vitest';
import type { MailSettings } from '../../src/notify/mail-settings.js';
import { queueDigest } from '../../src/notify/queue-digest.js';
import { Outbox } from '../../src/state/outbox.js';
import { openState, type StateStore } from '../../src/state/store.js';
import { personKey, type PersonInfo } from '../../src/desired/ports.js';
import type { RunReport } from '../../src/sync/run.js';
import { createNotifyHarness, type NotifyHarness } from '../helpers/notify-harness.js';
import { quietRunReport } from '../helpers/run-reports.js';
import { tempDir } from '../helpers/temp.js';

// Missing users are named once when new, counted as "still missing" afterwards, and said to be
// no longer missing once; never reported again every night.

let h: NotifyHarness | undefined;
let store: StateStore | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
  store?.close();
  store = undefined;
});

describe('missing users across runs', () => {
  it('tells new ones once, counts the ones still missing, and says who is no longer missing', async () => {
    const n = (h = await createNotifyHarness({ students: ['s1', 's2'], viewers: ['t1'] }));
    const registrar = () => n.smtp.to('registrar@district.test');
    n.writeStudents([
      ['Grade 9', 's1'],
      ['Grade 9', 'new-kid'],
    ]);
    n.writeViewers([['Grade 9', 't1', false]]);
    await n.cycle();
    expect(registrar()).toHaveLength(1);
    expect(registrar()[0]?.text).toMatch(/New since the last report \(1\)[\s\S]*new-kid/);

    // Nothing changed: no news, no email, however often it runs.
    await n.cycle();
    await n.cycle();
    expect(registrar()).toHaveLength(1);

    n.writeStudents([
      ['Grade 9', 's1'],
      ['Grade 9', 'new-kid'],
      ['Grade 10', 's2'],
      ['Grade 10', 'kid-2'],
    ]);
    await n.cycle();
    expect(registrar()).toHaveLength(2);
    const second = registrar()[1]?.text ?? '';
    expect(second).toMatch(
      /New since the last report \(1\)\n-+\n\n  - A student\n    Id: kid-2; Missing since: .*\n    For dashboard: Grade 10\n/,
    );
    expect(second).toMatch(/Still missing \(1\)[\s\S]*Id: new-kid; Missing since: .*\n    For dashboard: Grade 9\n/);
    expect(registrar()[1]?.subject).toMatch(/— 1 new person unknown to AspirEDU$/);

    // AspirEDU learns about new-kid; a day later the dashboards are sent again and pick them up.
    n.sim.model.addUser('student', { sisId: 'new-kid' });
    n.advanceHours(25);
    await n.cycle();
    expect(registrar()).toHaveLength(3);
    const third = registrar()[2];
    expect(third?.subject).toMatch(/— 1 person no longer missing$/);
    expect(third?.text).toMatch(/No longer missing \(1\)[\s\S]*  - A student\n    Id: new-kid; What happened: AspirEDU knows them now/);
    expect(third?.text).toMatch(/Still missing \(1\)[\s\S]*kid-2/);
    expect(third?.text).not.toContain('New since the last report');

    await n.cycle();
    expect(registrar()).toHaveLength(3);
  });
});

describe('missing users named from the roster', () => {
  const mail: MailSettings = {
    smtp: { host: '127.0.0.1', port: 1, implicitTls: false, requireTls: true, user: '', password: '', ca: undefined, timeoutMs: 1000 },
    from: 'sis-sync@district.test',
    district: 'Springfield USD',
    timeZone: 'UTC',
    identify: 'names',
    recipients: { errors: [], missingUsers: ['registrar@district.test'], changes: [], held: [], drift: [] },
    reminderMs: 86_400_000,
    heartbeatMs: 0,
    outboxMaxAgeMs: 86_400_000,
  };

  function report(people: Map<string, PersonInfo> | undefined): RunReport {
    return quietRunReport({ runId: 7, plan: undefined, people });
  }

  it('names each person with name and school when the source knows them, and no one else', () => {
    store = openState(tempDir());
    const at = '2026-11-23T13:00:00.000Z';
    store.missingUsers.recordUpload(
      [
        {
          dataType: 'student',
          account: '',
          name: 'Grade 9',
          idField: 'student_sis_id',
          members: new Map([
            ['100234', false],
            ['100235', false],
          ]),
        },
        { dataType: 'student', account: '', name: 'Advisory 3', idField: 'student_sis_id', members: new Map([['100234', false]]) },
      ],
      new Set(['100234']),
      at,
    );
    store.missingUsers.recordUpload(
      [{ dataType: 'viewer', account: '', name: 'Grade 9', idField: 'viewer_sis_id', members: new Map([['T-9', false]]) }],
      new Set(['T-9']),
      at,
    );
    const people = new Map<string, PersonInfo>([
      [personKey('student', '100234'), { name: 'Ana Lopez', school: 'Lincoln High' }],
      [personKey('student', '100235'), { name: 'Not Missing', school: 'Lincoln High' }],
    ]);
    queueDigest({ outcome: { kind: 'report', report: report(people) }, runId: 7, now: at, mail, store, host: 'sync01' });

    const [message] = new Outbox(store.db).pending();
    expect(message?.recipients).toEqual(['registrar@district.test']);
    expect(message?.text).toMatch(
      /  - Ana Lopez \(student\)\n    Id: 100234; School: Lincoln High; Missing since: .*\n    For dashboards: Advisory 3; Grade 9\n/,
    );
    expect(message?.text).toMatch(/  - A staff member\n    Id: T-9; Missing since: .*\n    For dashboard: Grade 9\n/);
    // The roster is the source's; only the people a reader must act on appear.
    expect(`${message?.text}${message?.html}`).not.toContain('Not Missing');
    expect(`${message?.text}${message?.html}`).not.toContain('100235');
    expect(store.missingUsers.unresolved().every((u) => u.reportedAt === at)).toBe(true);
  });

  it('shows the id only when the source does not know people (a rows file)', () => {
    store = openState(tempDir());
    const at = '2026-11-23T13:00:00.000Z';
    store.missingUsers.recordUpload(
      [{ dataType: 'student', account: 'east', name: 'Grade 9', idField: 'student_sis_id', members: new Map([['100234', false]]) }],
      new Set(['100234']),
      at,
    );
    queueDigest({ outcome: { kind: 'report', report: report(undefined) }, runId: 7, now: at, mail, store, host: 'sync01' });
    expect(new Outbox(store.db).pending()[0]?.text).toMatch(
      /  - A student\n    Id: 100234; Missing since: .*\n    For dashboard: Grade 9 \(account east\)\n/,
    );
  });
});
