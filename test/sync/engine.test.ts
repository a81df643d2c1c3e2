import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';

// The engine end to end over real HTTP: rows files → plan → uploads → simulator → state.

const STUDENTS = ['s1', 's2', 's3', 's4', 's5'];
const VIEWERS = ['t1', 't2', 'c1'];
let h: Harness;

afterEach(async () => {
  await h?.close();
});

async function harness(options: Parameters<typeof createHarness>[0] = {}): Promise<Harness> {
  h = await createHarness({ students: STUDENTS, viewers: VIEWERS, ...options });
  return h;
}

describe('sync engine', () => {
  it('creates every dashboard on the first sync, with policy contained', async () => {
    await harness();
    h.writeStudents([
      ['Grade 9', 's1'],
      ['Grade 9', 's2'],
      ['Grade 10', 's3'],
    ]);
    h.writeViewers([
      ['Grade 9', 't1', false],
      ['Grade 10', 't2', true],
    ]);
    const report = await h.run();

    expect(report.outcome).toBe('success');
    expect(report.plan?.totals.byAction.create).toBe(4);
    expect(h.sim.model.memberIds('', 'Grade 9', 'student')).toEqual(['s1', 's2']);
    expect(h.sim.model.memberIds('', 'Grade 10', 'student')).toEqual(['s3']);
    expect(h.sim.model.viewerAllies('', 'Grade 10')).toEqual({ t2: true });
    expect(h.sim.model.uploads.map((u) => u.policy)).toEqual(['contained', 'contained']);
    expect(h.store.snapshots.counts()).toEqual({ dashboards: 4, memberships: 5 });
  });

  it('makes no upload when nothing changed', async () => {
    await harness();
    h.writeStudents([['Grade 9', 's1']]);
    h.writeViewers([['Grade 9', 't1', false]]);
    await h.run();
    const posts = h.uploadPosts();
    const report = await h.run();
    expect(report.outcome).toBe('success');
    expect(report.uploads).toEqual([]);
    expect(report.plan?.totals.toUpload).toBe(0);
    expect(h.uploadPosts()).toBe(posts);
  });

  it('uploads only the dashboard that changed, whole', async () => {
    await harness();
    h.writeStudents([
      ['A', 's1'],
      ['A', 's2'],
      ['B', 's3'],
    ]);
    h.writeViewers([['A', 't1', false]]);
    await h.run();
    h.writeStudents([
      ['A', 's1'],
      ['A', 's2'],
      ['B', 's3'],
      ['B', 's4'],
    ]);
    const report = await h.run();

    expect(report.uploads).toHaveLength(1);
    const last = h.sim.model.uploads.at(-1);
    expect(last?.rows.map((r) => `${r.dashboardName}:${r.idValue}`)).toEqual(['B:s3', 'B:s4']);
    expect(h.sim.model.memberIds('', 'B', 'student')).toEqual(['s3', 's4']);
    expect(h.sim.model.memberIds('', 'A', 'student')).toEqual(['s1', 's2']);
  });

  it('empties a dashboard that is no longer in the files with the placeholder, never reported missing', async () => {
    await harness({ config: { sync: { emptyPlaceholderId: 'NOBODY-0' } } });
    h.writeStudents([
      ['A', 's1'],
      ['Gone', 's2'],
      ['Gone', 's3'],
    ]);
    h.writeViewers([['Gone', 't1', false]]);
    await h.run();
    h.writeStudents([['A', 's1']]);
    h.writeViewers([['A', 't1', false]]);
    const report = await h.run();

    expect(report.plan?.changes.filter((c) => c.action === 'empty').map((c) => `${c.dataType}:${c.name}`)).toEqual([
      'student:Gone',
      'viewer:Gone',
    ]);
    expect(h.sim.model.memberIds('', 'Gone', 'student')).toEqual([]);
    expect(h.sim.model.memberIds('', 'Gone', 'viewer')).toEqual([]);
    const emptying = h.sim.model.uploads.filter((u) => u.rows.some((r) => r.idValue === 'NOBODY-0'));
    expect(emptying.length).toBe(2);
    expect(report.uploads.every((u) => u.missing.length === 0)).toBe(true);
    expect(h.store.missingUsers.unresolved()).toEqual([]);
    // Emptied dashboards stay quiet afterwards.
    const third = await h.run();
    expect(third.uploads).toEqual([]);
  });

  it('records users AspirEDU does not know, and resolves them once known', async () => {
    await harness();
    h.writeStudents([
      ['A', 's1'],
      ['A', 'new-kid'],
    ]);
    h.writeViewers([['A', 'new-teacher', false]]);
    const report = await h.run();

    expect(report.outcome).toBe('success');
    expect(report.uploads.flatMap((u) => u.missing).sort()).toEqual(['new-kid', 'new-teacher']);
    const missing = h.store.missingUsers.unresolved();
    expect(missing.map((m) => [m.dataType, m.idField, m.userId, m.dashboards])).toEqual([
      ['student', 'student_sis_id', 'new-kid', ['A']],
      ['viewer', 'viewer_sis_id', 'new-teacher', ['A']],
    ]);

    // The student now exists in AspirEDU; the retry of missing users picks them up.
    h.sim.model.addUser('student', { sisId: 'new-kid' });
    h.store.db.prepare(`UPDATE missing_users SET last_seen_at = '2000-01-01T00:00:00.000Z'`).run();
    const retry = await h.run();
    expect(retry.plan?.changes.filter((c) => c.action === 'retry-missing').map((c) => c.dataType)).toEqual(['student', 'viewer']);
    expect(h.sim.model.memberIds('', 'A', 'student')).toEqual(['new-kid', 's1']);
    expect(h.store.missingUsers.unresolved().map((m) => m.userId)).toEqual(['new-teacher']);
    expect(h.store.missingUsers.resolvedSince('2000-01-01').map((m) => [m.userId, m.resolution])).toEqual([['new-kid', 'found']]);
  });

  it('does not retry missing users before sync.retryMissingAfterHours', async () => {
    await harness();
    h.writeStudents([['A', 'new-kid']]);
    h.writeViewers([['A', 't1', false]]);
    await h.run();
    const again = await h.run();
    expect(again.uploads).toEqual([]);
  });

  it('fails the run on an upload that ends in error, keeps the snapshot, and uploads it again next run', async () => {
    await harness();
    h.writeStudents([['A', 's1']]);
    h.writeViewers([['A', 't1', false]]);
    h.sim.failNextUploads(1, 'No mappings found');
    const report = await h.run();

    expect(report.outcome).toBe('failed');
    expect(report.problems.join()).toContain('No mappings found');
    expect(report.uploads.map((u) => u.status)).toEqual(['error', 'success']);
    expect(h.store.snapshots.all().size).toBe(1); // only the viewer dashboard

    const next = await h.run();
    expect(next.outcome).toBe('success');
    expect(next.uploads.map((u) => u.dataType)).toEqual(['student']);
    expect(h.sim.model.memberIds('', 'A', 'student')).toEqual(['s1']);
  });

  it('retries 500 and 429 answers and still uploads each change once', async () => {
    await harness();
    h.writeStudents([['A', 's1']]);
    h.writeViewers([['A', 't1', false]]);
    h.sim.faults.failNext(2, 429, { method: 'POST' }, 0);
    h.sim.faults.failNext(2, 500, { method: 'GET' });
    const report = await h.run();

    expect(report.outcome).toBe('success');
    expect(h.sim.model.uploads).toHaveLength(2);
    expect(h.sim.requests.filter((r) => r.status === 429)).toHaveLength(2);
    expect(h.sim.requests.filter((r) => r.status === 500)).toHaveLength(2);
    expect(h.captured.events().filter((e) => e === 'http.retry').length).toBeGreaterThanOrEqual(4);
  });

  it('looks for an upload whose answer was lost instead of sending it twice', async () => {
    await harness();
    h.writeStudents([['A', 's1']]);
    h.writeViewers([['A', 't1', false]]);
    h.sim.faults.add({ kind: 'drop-after-handling' }, 1, { method: 'POST' });
    const report = await h.run();

    expect(report.outcome).toBe('success');
    expect(h.sim.model.uploads).toHaveLength(2); // one per data type, none twice
    expect(h.captured.events()).toContain('upload.adopted');
  });

  it('sends again a POST that a 500 rejected when AspirEDU has no such upload', async () => {
    await harness();
    h.writeStudents([['A', 's1']]);
    h.writeViewers([]);
    h.settings.source.files.viewers = '';
    h.sim.faults.failNext(1, 500, { method: 'POST' });
    const report = await h.run();
    expect(report.outcome).toBe('success');
    expect(h.sim.model.uploads).toHaveLength(1);
    expect(h.sim.requests.filter((r) => r.method === 'POST').length).toBe(2);
  });

  it('stops waiting at the poll timeout, and the next run resumes polling without uploading again', async () => {
    await harness();
    h.writeStudents([['A', 's1']]);
    h.writeViewers([['A', 't1', false]]);
    h.sim.holdUploads = true;
    const first = await h.run();
    expect(first.outcome).toBe('failed');
    expect(first.problems[0]).toMatch(/still processing.*resumes polling/);
    expect(h.sim.model.uploads).toHaveLength(1); // nothing else while one is in flight
    expect(h.store.uploads.inFlight()).toHaveLength(1);

    h.sim.holdUploads = false;
    h.sim.releaseHeldUploads();
    const second = await h.run();
    expect(second.outcome).toBe('success');
    expect(second.resumed.map((u) => u.status)).toEqual(['success']);
    expect(second.uploads.map((u) => u.dataType)).toEqual(['viewer']);
    expect(h.sim.model.uploads).toHaveLength(2);
    expect(h.store.uploads.inFlight()).toEqual([]);
  });

  it('uploads nothing from a run whose file has a bad row', async () => {
    await harness();
    h.writeStudents([['A', 's1']]);
    h.writeViewers([['A', 't1', false]]);
    await h.run();
    h.writeStudents([
      ['A', 's1'],
      ['', 's2'],
    ]);
    await expect(h.run()).rejects.toThrow(/students\.csv line 3, field dashboard_name/);
    expect(h.sim.model.uploads).toHaveLength(2);
    expect(h.store.runs.recent(1)[0]?.outcome).toBe('failed');
  });

  it('never touches viewer dashboards when no viewers file is configured', async () => {
    await harness();
    h.writeStudents([['A', 's1']]);
    h.writeViewers([['A', 't1', false]]);
    await h.run();
    h.settings.source.files.viewers = '';
    const report = await h.run();
    expect(report.plan?.changes.filter((c) => c.action !== 'unchanged')).toEqual([]);
    expect(h.sim.model.memberIds('', 'A', 'viewer')).toEqual(['t1']);
  });

  it('packs dashboards into uploads by the row and dashboard limits; 1 gives one upload per dashboard', async () => {
    await harness({ config: { sync: { maxDashboardsPerUpload: 1 } } });
    h.writeStudents([
      ['A', 's1'],
      ['B', 's2'],
      ['C', 's3'],
    ]);
    h.settings.source.files.viewers = '';
    const report = await h.run();
    expect(report.uploads.map((u) => u.dashboards)).toEqual([['A'], ['B'], ['C']]);
  });

  it('sends uploads as multipart CSV when aspiredu.uploadFormat is csv', async () => {
    await harness({ config: { aspiredu: { uploadFormat: 'csv' } } });
    h.writeStudents([
      ['Counselor: Rivera, Ana', 's1'],
      ['Club "Chess"', 's2'],
    ]);
    h.writeViewers([['Club "Chess"', 't1', true]]);
    const report = await h.run();
    expect(report.outcome).toBe('success');
    expect(h.sim.model.memberIds('', 'Counselor: Rivera, Ana', 'student')).toEqual(['s1']);
    expect(h.sim.model.viewerAllies('', 'Club "Chess"')).toEqual({ t1: true });
  });
});
