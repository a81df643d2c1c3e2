import { afterEach, describe, expect, it } from 'vitest';
import { createNotifyHarness, RECIPIENTS, type NotifyHarness } from '../helpers/notify-harness.js';

// A run the real guard holds reaches the `notify.held` recipients: what would be removed, and
// the command that approves it. The same hold the next night sends nothing new.

let h: NotifyHarness;
afterEach(async () => {
  await h?.close();
});

describe('held runs in the digest', () => {
  it('tells the held recipients what the guard stopped, once', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `s${String(i).padStart(2, '0')}`);
    h = await createNotifyHarness({ students: ids });
    h.settings.source.files.viewers = '';
    h.writeStudents(ids.map((id) => ['Grade 9', id]));
    await h.cycle();
    const before = h.smtp.to(RECIPIENTS.held[0]!).length;

    h.writeStudents(ids.slice(0, 15).map((id) => ['Grade 9', id]));
    const result = await h.cycle();
    expect(result.kind === 'report' && result.report.outcome).toBe('held');
    const mails = h.smtp.to(RECIPIENTS.held[0]!);
    expect(mails.length).toBe(before + 1);
    const mail = mails.at(-1)!;
    expect(mail.subject).toMatch(/held/i);
    expect(mail.text).toContain('sis-sync approve 2');
    expect(mail.text).toContain('Grade 9');
    expect(mail.text).toContain('s15');
    expect(mail.text).toMatch(/25 of 40 managed student memberships/);

    await h.cycle();
    expect(h.smtp.to(RECIPIENTS.held[0]!).length).toBe(before + 1);
  });
});
