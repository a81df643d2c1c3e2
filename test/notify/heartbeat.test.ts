import { afterEach, describe, expect, it } from 'vitest';
import { createNotifyHarness, type NotifyHarness } from '../helpers/notify-harness.js';

// With notify.heartbeatHours set, the errors recipients hear "all is well" when they have heard
// nothing for that long, so that silence never means sis-sync stopped.

let h: NotifyHarness;

afterEach(async () => {
  await h?.close();
});

describe('heartbeat', () => {
  it('comes at the configured cadence while all is well, and never during a failure', async () => {
    h = await createNotifyHarness({ students: ['s1'], viewers: ['t1'], notify: { heartbeatHours: 24 } });
    const it_ = () => h.smtp.to('it@district.test');
    h.writeStudents([['Grade 9', 's1']]);
    h.writeViewers([['Grade 9', 't1', false]]);
    await h.cycle();
    expect(it_()).toHaveLength(1);
    expect(it_()[0]?.subject).toBe('Springfield USD: sis-sync is running, all is well — 1 run, nothing to report');
    expect(it_()[0]?.text).toContain('So far, sis-sync has run 1 time and nothing needed your attention.');
    expect(it_()[0]?.text).toContain('It manages 2 dashboards with 2 memberships.');

    h.advanceHours(23);
    await h.cycle();
    expect(it_()).toHaveLength(1);

    h.advanceHours(2);
    await h.cycle();
    expect(it_()).toHaveLength(2);
    expect(it_()[1]?.text).toMatch(/Since .*, sis-sync has run 2 times/);

    // A failure is told instead; no "all is well" while it lasts, however long.
    h.writeStudents([['', 's1']]);
    h.advanceHours(25);
    await h.cycle();
    h.advanceHours(25);
    await h.cycle();
    expect(it_().map((m) => m.subject.replace(/^Springfield USD: sis-sync /, ''))).toEqual([
      'is running, all is well — 1 run, nothing to report',
      'is running, all is well — 2 runs, nothing to report',
      'run 4 failed — 1 new problem',
      'run 5 failed — 1 problem still going on',
    ]);

    // The recovery notice proves sis-sync is alive: the next heartbeat is a full period later.
    h.writeStudents([['Grade 9', 's1']]);
    await h.cycle();
    h.advanceHours(12);
    await h.cycle();
    expect(it_()).toHaveLength(5);
    h.advanceHours(13);
    await h.cycle();
    expect(it_()).toHaveLength(6);
    expect(it_()[5]?.subject).toMatch(/is running, all is well — 2 runs/);
  });

  it('is off by default', async () => {
    h = await createNotifyHarness({ students: ['s1'], viewers: ['t1'] });
    h.writeStudents([['Grade 9', 's1']]);
    h.writeViewers([['Grade 9', 't1', false]]);
    await h.cycle();
    h.advanceHours(24 * 30);
    await h.cycle();
    expect(h.smtp.to('it@district.test')).toEqual([]);
  });
});
