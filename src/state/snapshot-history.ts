import type Database from 'better-sqlite3';
import type { DataType, IdField } from '../desired/data-types.js';
import { membersFromJson, type DashboardMembers } from '../desired/model.js';

// The snapshots that each applied run replaced: what `history` lists and `rollback` restores.

export interface RunChangeSet {
  runId: number;
  recordedAt: string;
  /** Dashboards as they were before the run changed them; `existed: false` for ones it created. */
  before: Array<DashboardMembers & { existed: boolean }>;
}

interface HistoryRow {
  run_id: number;
  data_type: DataType;
  account: string;
  dashboard: string;
  id_field: IdField | null;
  members: string | null;
  recorded_at: string;
}

export class SnapshotHistory {
  constructor(private readonly db: Database.Database) {}

  /** Runs that changed dashboards, newest first, with how many dashboards each changed. */
  runs(limit: number): Array<{ runId: number; dashboards: number; recordedAt: string }> {
    return (
      this.db
        .prepare(
          `SELECT run_id, COUNT(*) AS dashboards, MIN(recorded_at) AS recorded_at FROM snapshot_history GROUP BY run_id ORDER BY run_id DESC LIMIT ?`,
        )
        .all(limit) as Array<{ run_id: number; dashboards: number; recorded_at: string }>
    ).map((r) => ({ runId: r.run_id, dashboards: r.dashboards, recordedAt: r.recorded_at }));
  }

  /** What the run replaced; the earliest record per dashboard if it uploaded one twice (a retry). */
  changeSet(runId: number): RunChangeSet | undefined {
    const rows = this.db.prepare(`SELECT * FROM snapshot_history WHERE run_id = ? ORDER BY id`).all(runId) as HistoryRow[];
    if (rows.length === 0) return undefined;
    const seen = new Set<string>();
    const before: RunChangeSet['before'] = [];
    for (const row of rows) {
      const key = `${row.data_type}\u001f${row.account}\u001f${row.dashboard}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const fallbackId: IdField = row.data_type === 'student' ? 'student_sis_id' : 'viewer_sis_id';
      before.push({
        dataType: row.data_type,
        account: row.account,
        name: row.dashboard,
        idField: row.id_field ?? fallbackId,
        members: row.members ? membersFromJson(JSON.parse(row.members) as Array<[string, boolean]>) : new Map(),
        existed: row.members !== null,
      });
    }
    return { runId, recordedAt: rows[0]!.recorded_at, before };
  }

  /** Runs after `runId` that changed any of the same dashboards. */
  laterChanges(runId: number, dashboards: ReadonlyArray<Pick<DashboardMembers, 'dataType' | 'account' | 'name'>>): number[] {
    const query = this.db.prepare(
      `SELECT DISTINCT run_id FROM snapshot_history WHERE run_id > ? AND data_type = ? AND account = ? AND dashboard = ?`,
    );
    const runs = new Set<number>();
    for (const d of dashboards)
      for (const row of query.all(runId, d.dataType, d.account, d.name) as Array<{ run_id: number }>) runs.add(row.run_id);
    return [...runs].sort((a, b) => a - b);
  }

  /** Keeps the change sets of the newest `keepRuns` runs. */
  prune(keepRuns: number): number {
    return this.db
      .prepare(
        `DELETE FROM snapshot_history WHERE run_id NOT IN (SELECT DISTINCT run_id FROM snapshot_history ORDER BY run_id DESC LIMIT ?)`,
      )
      .run(keepRuns).changes;
  }
}
