import { afterEach, describe, expect, it } from 'vitest';
import { createNotifyHarness, RECIPIENTS, type NotifyHarness } from '../helpers/notify-harness.js';

// A credential about to expire (credentials.expires, or reported by a client) reaches the
// errors recipients like a failure: when it starts, not again every run, and once renewed.

let h: NotifyHarness;
afterEach(async () => {
  await h?.close();
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('credential warnings in the digest', () => {
  it('warns the errors recipients once, then says when it is renewed', async () => {
    h = await createNotifyHarness({
      students: ['s1'],
      config: { credentials: { expires: [`aspiredu.token=${inDays(5)}`], warnDays: 14 } },
    });
    h.writeStudents([['A', 's1']]);
    h.settings.source.files.viewers = '';
    const first = await h.cycle();
    expect(first.credentialWarnings.map((w) => w.credential)).toEqual(['aspiredu.token']);
    const it = h.smtp.to(RECIPIENTS.errors[0]!);
    expect(it).toHaveLength(1);
    expect(it[0]!.text).toMatch(/aspiredu\.token expires in [45] days/);

    await h.cycle();
    expect(h.smtp.to(RECIPIENTS.errors[0]!)).toHaveLength(1);

    h.settings.credentials.expires = [`aspiredu.token=${inDays(365)}`];
    await h.cycle();
    const after = h.smtp.to(RECIPIENTS.errors[0]!);
    expect(after).toHaveLength(2);
    expect(after[1]!.text).toMatch(/fixed|no longer|resolved|ended/i);
  });
});
