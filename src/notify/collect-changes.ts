import type { DataType } from '../desired/data-types.js';
import { isSuccessStatus } from '../aspiredu/types.js';
import { compareDashboardKeys, dashboardKeyString } from '../desired/model.js';
import type { UploadOutcome } from '../sync/record.js';
import type { RunReport } from '../sync/run.js';
import type { ChangedDashboard, ChangesNews } from './news.js';

// Dashboards whose members changed in AspirEDU during this run: planned changes carried by an
// upload that ended in success, and uploads an earlier run left in flight that ended now.
// Counts only: the members themselves never go into an email.

export function collectChanges(report: RunReport): ChangesNews | undefined {
  const landed = new Set(report.uploads.filter(succeeded).flatMap(keysOf));
  const dashboards: ChangedDashboard[] = [];
  const listed = new Set<string>();
  for (const change of report.plan?.changes ?? []) {
    if (change.action !== 'create' && change.action !== 'update' && change.action !== 'empty') continue;
    const key = dashboardKeyString(change);
    if (!landed.has(key)) continue;
    listed.add(key);
    dashboards.push({
      dataType: change.dataType,
      account: change.account,
      name: change.name,
      action: change.action,
      added: change.added.length,
      removed: change.removed.length,
      allyChanged: change.allyChanged.length,
      after: change.after,
    });
  }
  for (const upload of report.resumed.filter(succeeded)) {
    for (const name of upload.dashboards) {
      const key = dashboardKeyString({ dataType: upload.dataType as DataType, account: upload.account, name });
      if (listed.has(key)) continue;
      listed.add(key);
      dashboards.push({ dataType: upload.dataType as DataType, account: upload.account, name, action: 'resumed' });
    }
  }
  if (dashboards.length === 0) return undefined;
  dashboards.sort(compareDashboardKeys);
  return {
    dashboards,
    added: dashboards.reduce((sum, d) => sum + (d.added ?? 0), 0),
    removed: dashboards.reduce((sum, d) => sum + (d.removed ?? 0), 0),
  };
}

function succeeded(upload: UploadOutcome): boolean {
  return upload.error === undefined && isSuccessStatus(upload.status);
}

function keysOf(upload: UploadOutcome): string[] {
  return upload.dashboards.map((name) => dashboardKeyString({ dataType: upload.dataType as DataType, account: upload.account, name }));
}
