import { isSuccessStatus, type UploadDetail } from '../aspiredu/types.js';
import type { Logger } from '../log/logger.js';
import type { MissingOutcome } from '../state/missing-users.js';
import type { StateStore } from '../state/store.js';
import type { UploadRecord } from '../state/uploads.js';
import { withMembers } from '../desired/model.js';

// Records how an upload ended, in one transaction: its status, and on success the new snapshot
// of every dashboard it carried and what it said about missing users. An upload that ended in
// "error" changes no snapshot, so its dashboards are planned again next run.

export interface UploadOutcome {
  uploadId: number;
  apiId: string;
  status: string;
  dataType: string;
  account: string;
  dashboards: string[];
  rowCount: number;
  /** Ids AspirEDU did not know (the empty-dashboard placeholder left out). */
  missing: string[];
  error: string | undefined;
  missingChanges: MissingOutcome | undefined;
  /**
   * Dashboards this upload meant to empty although AspirEDU did not report the placeholder
   * missing: they hold that (real) user now, and their snapshot says so.
   */
  placeholderHeld?: string[];
}

export function recordUploadEnd(
  store: StateStore,
  upload: UploadRecord,
  detail: UploadDetail,
  placeholderId: string,
  at: string,
  log: Logger,
): UploadOutcome {
  const dashboards = store.uploads.dashboards(upload.id);
  const missing = [...new Set(Object.values(detail.missing).flat())].filter((id) => id !== placeholderId).sort();
  const success = isSuccessStatus(detail.status);
  const errorMessage = detail.status === 'error' ? detail.error.message || 'AspirEDU gave no message' : undefined;
  const placeholderMissing = Object.values(detail.missing).some((ids) => ids.includes(placeholderId));
  const placeholderHeld = success && !placeholderMissing ? dashboards.filter((d) => d.members.size === 0) : [];
  // Never recorded as empty: what AspirEDU holds now is the placeholder's user.
  const held = new Set(placeholderHeld);
  const recorded = dashboards.map((d) => (held.has(d) ? withMembers(d, new Map([[placeholderId, false]])) : d));

  const missingChanges = store.transaction(() => {
    store.uploads.markDone(upload.id, detail.status, at, errorMessage ?? null, Object.keys(detail.missing).length ? detail.missing : null);
    if (!success) return undefined;
    store.snapshots.save(recorded, upload.id, upload.runId, at);
    return store.missingUsers.recordUpload(recorded, new Set(missing), at);
  });

  const outcome: UploadOutcome = {
    uploadId: upload.id,
    apiId: detail.id,
    status: detail.status,
    dataType: upload.dataType,
    account: upload.account,
    dashboards: dashboards.map((d) => d.name),
    rowCount: upload.rowCount,
    missing,
    error: errorMessage,
    missingChanges,
    placeholderHeld: placeholderHeld.map((d) => d.name),
  };
  const fields = {
    event: 'upload.finished',
    uploadId: upload.id,
    apiId: detail.id,
    status: detail.status,
    dataType: upload.dataType,
    account: upload.account,
    dashboards: dashboards.length,
    rows: upload.rowCount,
    missing: missing.length,
  };
  if (placeholderHeld.length > 0) {
    log.error(
      { ...fields, event: 'upload.placeholder_known', placeholderId, emptied: placeholderHeld.length },
      'AspirEDU did not report the empty-dashboard placeholder missing: it is a real user',
    );
  } else if (!success) log.error({ ...fields, error: errorMessage }, 'Upload ended in error');
  else if (missing.length > 0) log.warn(fields, 'Upload finished; AspirEDU did not know some users');
  else log.info(fields, 'Upload finished');
  return outcome;
}
