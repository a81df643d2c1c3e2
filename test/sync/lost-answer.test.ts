import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';

// AspirEDU created an upload but its answer was lost, and then its upload list (where
// sis-sync looks before sending again) failed for longer than one look's retries. Found by the
// soak: the whole POST was retried, so AspirEDU got the same upload twice. Whatever fails,
// no POST may follow one that may have created the upload until the list says it did not.

let h: Harness;

afterEach(async () => {
  await h?.close();
});

const UPLOAD_POST = { method: 'POST', path: /\/dashboard\/upload\/$/ };
const UPLOAD_LIST = { method: 'GET', path: /\/dashboard\/upload\/$/ };

async function studentsOnly(): Promise<void> {
  h = await createHarness({ students: ['s1', 's2'] });
  h.writeStudents([
    ['A', 's1'],
    ['A', 's2'],
  ]);
  h.settings.source.files.viewers = '';
}

describe('an upload whose answer was lost', () => {
  it('is looked for again, not sent again, while the upload list fails for a while', async () => {
    await studentsOnly();
    h.sim.faults.add({ kind: 'drop-after-handling' }, 1, UPLOAD_POST);
    // More failures than one look retries (5): the next attempt must look again, not POST.
    h.sim.faults.failNext(8, 503, UPLOAD_LIST);
    const report = await h.run();

    expect(h.uploadPosts()).toBe(1);
    expect(h.sim.model.uploads).toHaveLength(1);
    expect(report.outcome).toBe('success');
    expect(h.captured.events()).toContain('upload.adopted');
    expect(h.store.snapshots.counts()).toEqual({ dashboards: 1, memberships: 2 });
  });

  it('stays an intent for the next run to look for when the list never answers, and is adopted then', async () => {
    await studentsOnly();
    h.sim.faults.add({ kind: 'drop-after-handling' }, 1, UPLOAD_POST);
    h.sim.faults.failNext(1000, 503, UPLOAD_LIST);
    const first = await h.run().catch((error: unknown) => error);
    expect(first).toBeInstanceOf(Error);
    expect(h.uploadPosts()).toBe(1);
    expect(h.store.uploads.inFlight().map((u) => u.phase)).toEqual(['sending']);

    h.sim.faults.clear();
    const second = await h.run();
    expect(second.outcome).toBe('success');
    expect(second.resumed).toHaveLength(1);
    expect(second.uploads).toEqual([]);
    expect(h.uploadPosts()).toBe(1);
    expect(h.sim.model.memberIds('', 'A', 'student')).toEqual(['s1', 's2']);
  });
});
