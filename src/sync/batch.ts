import type { UploadRow } from '../aspiredu/types.js';
import type { DataType, IdField } from '../desired/data-types.js';
import { compareStrings, sortedMemberIds, type DashboardMembers } from '../desired/model.js';
import { needsUpload, type DashboardChange } from './plan.js';

// Packs the dashboards that changed into uploads. Every dashboard goes whole into exactly one
// upload: with policy "contained", a second upload naming the same dashboard would clear what
// the first one set. So a dashboard larger than the row limit travels alone, never split.

export interface UploadBatch {
  account: string;
  dataType: DataType;
  idField: IdField;
  dashboards: DashboardMembers[];
  rowCount: number;
}

export interface BatchLimits {
  maxRowsPerUpload: number;
  maxDashboardsPerUpload: number;
}

/** Rows a dashboard needs: one per member, or one placeholder row to empty it. */
export function rowsFor(dashboard: DashboardMembers): number {
  return Math.max(1, dashboard.members.size);
}

export function packBatches(changes: readonly DashboardChange[], limits: BatchLimits): UploadBatch[] {
  const groups = new Map<string, DashboardMembers[]>();
  for (const change of changes) {
    if (!needsUpload(change)) continue;
    // One upload has one data type, one account and one id column.
    const group = `${change.dataType}\u001f${change.account}\u001f${change.idField}`;
    const list = groups.get(group) ?? [];
    list.push(change.target);
    groups.set(group, list);
  }
  const batches: UploadBatch[] = [];
  for (const group of [...groups.keys()].sort(compareStrings)) {
    let current: UploadBatch | undefined;
    for (const dashboard of groups.get(group) ?? []) {
      const rows = rowsFor(dashboard);
      const fits =
        current !== undefined &&
        current.dashboards.length < limits.maxDashboardsPerUpload &&
        current.rowCount + rows <= limits.maxRowsPerUpload;
      if (!fits) {
        current = { account: dashboard.account, dataType: dashboard.dataType, idField: dashboard.idField, dashboards: [], rowCount: 0 };
        batches.push(current);
      }
      current!.dashboards.push(dashboard);
      current!.rowCount += rows;
    }
  }
  return batches;
}

/** The rows of an upload, sorted by dashboard then id, so that the same batch gives the same bytes. */
export function batchRows(batch: Pick<UploadBatch, 'dataType' | 'idField' | 'dashboards'>, placeholderId: string): UploadRow[] {
  const rows: UploadRow[] = [];
  for (const dashboard of batch.dashboards) {
    const ids = dashboard.members.size > 0 ? sortedMemberIds(dashboard.members) : [placeholderId];
    for (const id of ids) {
      rows.push(
        batch.dataType === 'student'
          ? ({ dashboard_name: dashboard.name, [batch.idField]: id } as UploadRow)
          : ({ dashboard_name: dashboard.name, [batch.idField]: id, viewer_is_ally: dashboard.members.get(id) === true } as UploadRow),
      );
    }
  }
  return rows;
}
