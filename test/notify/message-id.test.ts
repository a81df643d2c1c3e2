import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { deliverOutbox } from '../../src/notify/deliver-outbox.js';
import { createSmtpMailer, type Mailer } from '../../src/notify/mailer.js';
import { digestMessageId } from '../../src/notify/message-id.js';
import { NotifyMarks } from '../../src/state/notify-marks.js';
import { Outbox } from '../../src/state/outbox.js';
import { openState, type StateStore } from '../../src/state/store.js';
import { systemClock } from '../../src/util/clock.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { tempDir } from '../helpers/temp.js';

// A process killed after the mail server took a digest, but before the digest left the outbox,
// sends it again with the next run. Found by the soak (a missing student named as new twice):
// both copies must carry the same Message-ID, so that mail servers and clients show it once.

let smtp: TestSmtp | undefined;
let store: StateStore | undefined;

afterEach(async () => {
  await smtp?.close();
  store?.close();
});

const FROM = 'sis-sync@district.test';

function deliver(outbox: Outbox, mailer: Mailer) {
  return deliverOutbox({
    outbox,
    marks: new NotifyMarks((store as StateStore).db),
    mailer,
    from: FROM,
    clock: systemClock,
    log: silentLogger(),
    maxAgeMs: 3_600_000,
  });
}

describe('digest Message-ID', () => {
  it('is the same when a digest is sent again after the sender died once the server had it', async () => {
    smtp = await startTestSmtp();
    store = openState(tempDir());
    const outbox = new Outbox(store.db);
    const at = new Date().toISOString();
    const digest = {
      runId: 1,
      recipients: ['registrar@district.test'],
      sections: ['missingUsers'],
      subject: 'Run 1',
      text: 'New: 100241',
      html: '<p>New</p>',
    };
    outbox.enqueue(digest, at);
    outbox.enqueue({ ...digest, runId: 2, subject: 'Run 2' }, at);
    const mailer = createSmtpMailer({
      host: '127.0.0.1',
      port: smtp.port,
      implicitTls: false,
      requireTls: false,
      user: '',
      password: '',
      ca: undefined,
      timeoutMs: 5000,
    });
    // The server takes the first digest, then the process "dies" before the outbox row is deleted.
    const dying: Mailer = {
      ...mailer,
      send: async (email) => {
        await mailer.send(email);
        throw new Error('killed before the outbox row was deleted');
      },
    };
    await deliver(outbox, dying);
    expect(outbox.pending()).toHaveLength(2);
    await deliver(outbox, mailer);
    mailer.close();

    const ids = smtp.messages.map((m) => [m.subject, m.headers.get('message-id')]);
    expect(ids.map(([subject]) => subject)).toEqual(['Run 1', 'Run 2', 'Run 1', 'Run 2']);
    expect(ids[2]?.[1]).toBe(ids[0]?.[1]);
    expect(ids[3]?.[1]).toBe(ids[1]?.[1]);
    expect(ids[0]?.[1]).not.toBe(ids[1]?.[1]);
    expect(outbox.pending()).toEqual([]);
  });

  it('names the sender’s domain and tells digests apart by outbox row and time', () => {
    const at = '2024-10-01T06:00:00.000Z';
    expect(digestMessageId({ id: 7, createdAt: at }, 'sis-sync@district.test')).toMatch(
      /^<sis-sync\.digest\.[0-9a-z]+\.7@district\.test>$/,
    );
    expect(digestMessageId({ id: 7, createdAt: at }, 'SIS Sync <noreply@mail.district.org>')).toMatch(/@mail\.district\.org>$/);
    expect(digestMessageId({ id: 7, createdAt: at }, FROM)).not.toBe(
      digestMessageId({ id: 7, createdAt: '2024-10-02T06:00:00.000Z' }, FROM),
    );
  });
});
