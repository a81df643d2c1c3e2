import { afterEach, describe, expect, it } from 'vitest';
import { createNotifyHarness, type NotifyHarness } from '../helpers/notify-harness.js';

// A failure that repeats run after run is told when it starts, at most once per
// notify.reminderHours while it lasts, and once when it ends.

let h: NotifyHarness;

afterEach(async () => {
  await h?.close();
});

const it_ = () => h.smtp.to('it@district.test');
/** The text part is wrapped at 78 characters: what it says is checked with the lines joined. */
const flat = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ');

describe('repeat failures', () => {
  it('a broken export: told at once, reminded a day later, and told when it is fixed', async () => {
    h = await createNotifyHarness({ students: ['s1'], viewers: ['t1'] });
    h.writeStudents([
      ['Grade 9', 's1'],
      ['', 's2'],
    ]);
    h.writeViewers([['Grade 9', 't1', false]]);
    const first = await h.cycle();
    expect(first.kind).toBe('error');
    expect(it_()).toHaveLength(1);
    expect(it_()[0]?.subject).toMatch(/^Springfield USD: sis-sync run 1 failed — 1 new problem$/);
    expect(flat(it_()[0]?.text)).toContain('sis-sync could not read the student information in full, so it uploaded nothing.');
    expect(it_()[0]?.text).toMatch(
      /students\.csv has 1 bad row; nothing was uploaded:\n\s+students\.csv line 3, field dashboard_name: must not be empty/,
    );

    await h.cycle();
    h.advanceHours(12);
    await h.cycle();
    expect(it_()).toHaveLength(1);

    h.advanceHours(13);
    await h.cycle();
    expect(it_()).toHaveLength(2);
    expect(it_()[1]?.subject).toMatch(/run 4 failed — 1 problem still going on$/);
    expect(flat(it_()[1]?.text)).toMatch(/Still going on \(1\)[\s\S]*could not read the student information[\s\S]*Since .*, 4 runs\./);

    h.writeStudents([['Grade 9', 's1']]);
    const fixed = await h.cycle();
    expect(fixed.kind === 'report' && fixed.report.outcome).toBe('success');
    expect(it_()).toHaveLength(3);
    expect(it_()[2]?.subject).toMatch(/run 5 done — 1 problem fixed$/);
    expect(flat(it_()[2]?.text)).toMatch(
      /PROBLEMS FIXED[\s\S]*could not read the student information in full, so it uploaded nothing\. — no longer happening \(it went on from .*, 4 runs\)/,
    );

    await h.cycle();
    expect(it_()).toHaveLength(3);
  });

  it('AspirEDU refusing the token: told once, and the email holds no token', async () => {
    h = await createNotifyHarness({ students: ['s1', 's2'], viewers: ['t1'] });
    h.writeStudents([['Grade 9', 's1']]);
    h.writeViewers([['Grade 9', 't1', false]]);
    await h.cycle();
    h.writeStudents([['Grade 9', 's2']]);
    h.sim.faults.add({ kind: 'status', status: 401, body: { detail: 'Invalid token.' } }, 100);
    const failed = await h.cycle();
    expect(failed.kind).toBe('error');
    await h.cycle();
    expect(it_()).toHaveLength(1);
    const told = it_()[0];
    expect(flat(told?.text)).toContain(
      'sis-sync could not work with AspirEDU (unreachable, or it refused a request); nothing more was uploaded.',
    );
    expect(told?.text).toContain('401');
    expect(`${told?.raw}`).not.toContain(h.sim.token);

    h.sim.faults.clear();
    await h.cycle();
    expect(it_()).toHaveLength(2);
    expect(it_()[1]?.subject).toMatch(/— 1 problem fixed$/);
  });
});
