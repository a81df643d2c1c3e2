import type Database from 'better-sqlite3';
import type { DataType, IdField } from '../desired/data-types.js';
import { dashboardKeyString, membersFromJson, membersToJson, type DashboardMembers, type Desired } from '../desired/model.js';
import { isStoredFormOf } from '../desired/stored-members.js';

// What was last uploaded with success, per dashboard: the baseline every plan is computed against.

export interface SnapshotRow {
  data_type: DataType;
  account: string;
  dashboard: string;
  id_field: IdField;
  members: string;
}

export class Snapshots {
  constructor(private readonly db: Database.Database) {}

  /**
   * Every snapshot, row by row. `shareWith`: the source's dashboards of this run; members in both
   * are held once (see MemberList.fromPairs), which at district scale is most of them.
   */
  all(shareWith?: Desired): Desired {
    const rows = this.db
      .prepare(`SELECT data_type, account, dashboard, id_field, members FROM snapshots`)
      .iterate() as IterableIterator<SnapshotRow>;
    const out = new Map<string, DashboardMembers>();
    for (const row of rows) {
      const dashboard = dashboardFromRow(row, shareWith);
      out.set(dashboardKeyString(dashboard), dashboard);
    }
    return out;
  }

  /**
   * Call inside the transaction that records the upload's success. The snapshot each dashboard
   * had before is kept in snapshot_history, for `history` and `rollback`.
   */
  save(dashboards: readonly DashboardMembers[], uploadId: number, runId: number, at: string): void {
    const previous = this.db.prepare(`SELECT id_field, members FROM snapshots WHERE data_type = ? AND account = ? AND dashboard = ?`);
    const remember = this.db.prepare(
      `INSERT INTO snapshot_history (run_id, upload_id, data_type, account, dashboard, id_field, members, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const d of dashboards) {
      const before = previous.get(d.dataType, d.account, d.name) as { id_field: string; members: string } | undefined;
      remember.run(runId, uploadId, d.dataType, d.account, d.name, before?.id_field ?? null, before?.members ?? null, at);
    }
    const upsert = this.db.prepare(
      `INSERT INTO snapshots (data_type, account, dashboard, id_field, members, member_count, upload_id, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (data_type, account, dashboard) DO UPDATE SET
         id_field = excluded.id_field, members = excluded.members, member_count = excluded.member_count,
         upload_id = excluded.upload_id, updated_at = excluded.updated_at`,
    );
    for (const d of dashboards) {
      upsert.run(d.dataType, d.account, d.name, d.idField, JSON.stringify(membersToJson(d.members)), d.members.size, uploadId, at);
    }
  }

  /** Members of one dashboard as last uploaded; 0 for a dashboard not managed yet. */
  memberCount(dataType: string, account: string, dashboard: string): number {
    const row = this.db
      .prepare(`SELECT member_count FROM snapshots WHERE data_type = ? AND account = ? AND dashboard = ?`)
      .get(dataType, account, dashboard) as { member_count: number } | undefined;
    return row?.member_count ?? 0;
  }

  counts(): { dashboards: number; memberships: number } {
    const row = this.db.prepare(`SELECT COUNT(*) AS dashboards, COALESCE(SUM(member_count), 0) AS memberships FROM snapshots`).get() as {
      dashboards: number;
      memberships: number;
    };
    return row;
  }
}

/**
 * One stored snapshot as a dashboard; `shareWith` as in Snapshots.all. A dashboard stored exactly
 * as the source gives it today is today's member list itself (immutable), not a parsed copy.
 */
export function dashboardFromRow(row: SnapshotRow, shareWith?: Desired): DashboardMembers {
  const key = dashboardKeyString({ dataType: row.data_type, account: row.account, name: row.dashboard });
  const today = shareWith?.get(key)?.members;
  return {
    dataType: row.data_type,
    account: row.account,
    name: row.dashboard,
    idField: row.id_field,
    members:
      today && isStoredFormOf(row.members, today) ? today : membersFromJson(JSON.parse(row.members) as Array<[string, boolean]>, today),
  };
}
