import { afterEach, describe, expect, it } from 'vitest';
import { statusCommand } from '../../src/cli/commands/status.js';
import type { CommandContext } from '../../src/cli/context.js';
import { Outbox } from '../../src/state/outbox.js';
import { createNotifyHarness, type NotifyHarness } from '../helpers/notify-harness.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';

// A digest the mail server does not take waits in the outbox and goes with the next run; the
// run itself does not fail because of mail, and the log and `sis-sync status` say mail is failing.

let h: NotifyHarness;
let revived: TestSmtp | undefined;

afterEach(async () => {
  await revived?.close();
  revived = undefined;
  await h?.close();
});

async function firstSync(): Promise<void> {
  h.writeStudents([
    ['Grade 9', 's1'],
    ['Grade 9', 'new-kid'],
  ]);
  h.writeViewers([['Grade 9', 't1', false]]);
}

async function status(json = false): Promise<string> {
  const lines: string[] = [];
  const ctx = { settings: h.settings, log: h.captured.log, out: (text: string) => lines.push(text) } as unknown as CommandContext;
  await statusCommand(ctx, { json });
  return lines.join('\n');
}

describe('outbox', () => {
  it('keeps digests the server refuses, says so, and sends them with the next run', async () => {
    h = await createNotifyHarness({ students: ['s1'], viewers: ['t1'] });
    await firstSync();
    h.smtp.refuse = { code: 550, message: 'Relaying denied' };
    const result = await h.cycle();

    expect(result.kind === 'report' && result.report.outcome).toBe('success');
    expect(h.smtp.messages).toEqual([]);
    const failing = h.captured.entries().find((e) => e.event === 'notify.failing');
    expect(failing).toMatchObject({ level: 'error', code: 'NOTIFY_REJECTED', pending: 2 });
    expect(String(failing?.error)).toContain('Relaying denied');
    const outbox = new Outbox(h.store.db);
    expect(outbox.pending().map((m) => [m.recipients, m.attempts])).toEqual([
      [['registrar@district.test'], 1],
      [['data@district.test'], 1],
    ]);
    expect(await status()).toMatch(
      /Mail: FAILING\. 2 digests wait in the outbox since \d{4}-\d{2}-\d{2} \d{2}:\d{2} \S+; they go with the next run\. Last error \(\d{4}-\d{2}-\d{2} \d{2}:\d{2} \S+\): The mail server 127\.0\.0\.1:\d+ did not take the message: .*Relaying denied/,
    );
    expect(JSON.parse(await status(true)).mail).toMatchObject({ pending: 2, lastSentAt: null });

    h.smtp.refuse = undefined;
    await h.cycle();
    expect(h.smtp.messages.map((m) => m.rcptTo[0])).toEqual(['registrar@district.test', 'data@district.test']);
    expect(h.smtp.messages[0]?.subject).toMatch(/sis-sync run 1 done/);
    expect(outbox.pending()).toEqual([]);
    expect(await status()).toMatch(/Mail: working; last digest sent \d{4}-\d{2}-\d{2} \d{2}:\d{2} \S+\./);
  });

  it('keeps digests while the server is down, without failing the run, and delivers them once it is back', async () => {
    h = await createNotifyHarness({ students: ['s1'], viewers: ['t1'] });
    const port = h.smtp.port;
    await h.smtp.close();
    await firstSync();
    const first = await h.cycle();
    expect(first.kind === 'report' && first.report.outcome).toBe('success');
    expect(h.captured.entries().find((e) => e.event === 'notify.failing')).toMatchObject({ code: 'NOTIFY_CONNECT', pending: 2, sent: 0 });
    // The server being unreachable, the second message is not even tried: it would fail the same way.
    expect(new Outbox(h.store.db).pending().map((m) => m.attempts)).toEqual([1, 0]);

    // A run with news of its own while mail is still down (new-kid left Grade 9): its digests join the queue.
    h.writeStudents([['Grade 9', 's1']]);
    await h.cycle();
    expect(new Outbox(h.store.db).summary().pending).toBe(4);

    revived = await startTestSmtp({ tls: 'starttls', port });
    await h.cycle();
    expect(revived.messages.map((m) => [m.rcptTo[0], m.subject.match(/run (\d+)/)?.[1]])).toEqual([
      ['registrar@district.test', '1'],
      ['data@district.test', '1'],
      ['registrar@district.test', '2'],
      ['data@district.test', '2'],
    ]);
    expect(revived.messages[2]?.text).toMatch(/No longer missing \(1\)[\s\S]*Id: new-kid; What happened: no longer on any dashboard/);
    expect(new Outbox(h.store.db).summary().pending).toBe(0);
  });

  it('drops a digest that could not be sent within notify.outboxMaxAgeHours, and logs it', async () => {
    h = await createNotifyHarness({ students: ['s1'], viewers: ['t1'], notify: { outboxMaxAgeHours: 48 } });
    await firstSync();
    h.smtp.refuse = { code: 451, message: 'Try again later' };
    await h.cycle();
    expect(h.captured.entries().find((e) => e.event === 'notify.failing')).toMatchObject({ code: 'NOTIFY_DEFERRED' });
    h.smtp.refuse = undefined;
    h.advanceHours(49);
    await h.cycle();
    expect(h.smtp.messages).toEqual([]);
    expect(h.captured.entries().filter((e) => e.event === 'notify.expired')).toHaveLength(2);
    expect(await status()).toContain('2 digests dropped after notify.outboxMaxAgeHours');
  });
});
