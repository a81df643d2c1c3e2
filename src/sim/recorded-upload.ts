import type { StateStore } from '../state/store.js';
import type { DashboardMembers } from '../desired/model.js';

// The state of a district that has synced before, without running a sync: for tests and the
// benchmark that plan against yesterday's dashboards.

/**
 * Records dashboards as the last successful upload left them (one run, one upload, then
 * Snapshots.save, as recording an upload's success does), for a plan to be made against.
 */
export function recordLastUpload(store: StateStore, dashboards: readonly DashboardMembers[], at = new Date().toISOString()): void {
  store.transaction(() => {
    const runId = store.runs.start('test', at);
    const uploadId = store.uploads.insertIntent({
      runId,
      account: '',
      dataType: 'student',
      idField: 'student_sis_id',
      dashboards: [],
      rowCount: 0,
      contentHash: 'recorded',
      intentAt: at,
    });
    store.snapshots.save(dashboards, uploadId, runId, at);
    store.runs.finish(runId, 'success', at, {});
  });
}
