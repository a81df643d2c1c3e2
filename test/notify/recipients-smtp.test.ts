import { afterEach, describe, expect, it } from 'vitest';
import { createNotifyHarness, type NotifyHarness } from '../helpers/notify-harness.js';

// Whole runs through runCycle, with digests delivered to a real SMTP server on 127.0.0.1:
// each kind of news reaches its own recipients, one email per reader per run.

let h: NotifyHarness;

afterEach(async () => {
  await h?.close();
});

describe('digest recipients', () => {
  it('sends changes and missing users to their own readers, and nothing to the others', async () => {
    h = await createNotifyHarness({ students: ['s1', 's2'], viewers: ['t1'] });
    h.writeStudents([
      ['Grade 9', 's1'],
      ['Grade 9', 'new-kid'],
      ['Grade 10', 's2'],
    ]);
    h.writeViewers([['Grade 9', 't1', false]]);
    const result = await h.cycle();
    expect(result.kind === 'report' && result.report.outcome).toBe('success');

    expect(h.smtp.messages.map((m) => m.rcptTo)).toEqual([['registrar@district.test'], ['data@district.test']]);
    expect(h.smtp.messages.every((m) => m.secure)).toBe(true);
    const [missing] = h.smtp.to('registrar@district.test');
    expect(missing?.mailFrom).toBe('sis-sync@district.test');
    expect(missing?.subject).toMatch(/^Springfield USD: sis-sync run \d+ done — 1 new person unknown to AspirEDU$/);
    expect(missing?.text).toContain('New since the last report (1)');
    expect(missing?.text).toMatch(/  - A student\n    Id: new-kid; Missing since: .*\n    For dashboard: Grade 9\n/);
    expect(missing?.text).not.toContain('Dashboards changed');
    expect(missing?.html).toContain('<td>new-kid</td>');
    expect(missing?.headers.get('auto-submitted')).toBe('auto-generated');

    const [changes] = h.smtp.to('data@district.test');
    // Grade 9's students and viewers are one dashboard.
    expect(changes?.subject).toMatch(/— 2 dashboards changed \(\+4, -0\)$/);
    expect(changes?.text).toContain('  - Grade 9\n    Students: new, now 2; Viewers: new, now 1\n');
    expect(changes?.text).not.toContain('new-kid');
    expect(changes?.html).toContain('Dashboards changed');
  });

  it("tells the errors recipients which dashboards AspirEDU rejected, with AspirEDU's message", async () => {
    h = await createNotifyHarness({ students: ['s1'], viewers: ['t1'] });
    h.writeStudents([['Grade 9', 's1']]);
    h.writeViewers([['Grade 9', 't1', false]]);
    h.sim.failNextUploads(1, 'No mappings found for dashboard');
    const result = await h.cycle();
    expect(result.kind === 'report' && result.report.outcome).toBe('failed');

    const [errors] = h.smtp.to('it@district.test');
    expect(errors?.subject).toMatch(/^Springfield USD: sis-sync run \d+ failed — 1 new problem$/);
    expect(errors?.text).toContain('AspirEDU rejected the upload of one dashboard');
    expect(errors?.text).toContain('AspirEDU said: No mappings found for dashboard');
    expect(errors?.text).toContain('  - Grade 9 (students)');
    // The viewer upload went through: that change is news for the changes readers only.
    const [changes] = h.smtp.to('data@district.test');
    expect(changes?.text).toContain('  - Grade 9\n    Students: no change; Viewers: new, now 1\n');
    expect(h.smtp.messages).toHaveLength(2);
  });

  it('gives a reader on several lists one email holding every section meant for them', async () => {
    h = await createNotifyHarness({
      students: ['s1'],
      viewers: ['t1'],
      notify: {
        errors: ['boss@district.test'],
        changes: ['boss@district.test', 'data@district.test'],
        missingUsers: ['Boss@District.test'],
      },
    });
    h.writeStudents([
      ['Grade 9', 's1'],
      ['Grade 9', 'ghost'],
    ]);
    h.writeViewers([['Grade 9', 't1', false]]);
    h.sim.failNextUploads(1, 'Upload rejected');
    await h.cycle();

    const boss = h.smtp.to('boss@district.test');
    expect(boss).toHaveLength(1);
    expect(boss[0]?.text.indexOf('PROBLEMS')).toBeGreaterThan(0);
    expect(boss[0]?.text).toContain('DASHBOARDS CHANGED');
    expect(h.smtp.to('data@district.test')).toHaveLength(1);
    expect(h.smtp.to('data@district.test')[0]?.text).not.toContain('PROBLEMS');
  });

  it('sends nothing when there is no news', async () => {
    h = await createNotifyHarness({ students: ['s1'], viewers: ['t1'] });
    h.writeStudents([['Grade 9', 's1']]);
    h.writeViewers([['Grade 9', 't1', false]]);
    await h.cycle();
    const after = h.smtp.messages.length;
    await h.cycle();
    expect(h.smtp.messages).toHaveLength(after);
    expect(h.captured.events()).not.toContain('notify.failing');
  });
});
