import type Database from 'better-sqlite3';
import type { DataType, IdField } from '../desired/data-types.js';
import { compareStrings, dashboardKeyString, type DashboardMembers } from '../desired/model.js';

// Users AspirEDU did not know when an upload named them, remembered across runs so that the
// digest can tell new ones from ones already reported, and notice when one is no longer missing.

export type MissingResolution = 'found' | 'dropped';

export interface MissingUser {
  dataType: DataType;
  account: string;
  idField: IdField;
  userId: string;
  dashboards: string[];
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  resolution: MissingResolution | null;
  reportedAt: string | null;
}

export interface MissingRow {
  data_type: DataType;
  account: string;
  id_field: IdField;
  user_id: string;
  dashboards: string;
  first_seen_at: string;
  last_seen_at: string;
  resolved_at: string | null;
  resolution: MissingResolution | null;
  reported_at: string | null;
}

export interface MissingOutcome {
  newlyMissing: number;
  stillMissing: number;
  resolved: number;
}

export class MissingUsers {
  constructor(private readonly db: Database.Database) {}

  /**
   * Records what a successful upload said about its members. `missingIds` are the ids AspirEDU
   * reported (placeholder already removed). Call inside the upload's recording transaction.
   */
  recordUpload(dashboards: readonly DashboardMembers[], missingIds: ReadonlySet<string>, at: string): MissingOutcome {
    const first = dashboards[0];
    if (!first) return { newlyMissing: 0, stillMissing: 0, resolved: 0 };
    const { dataType, account, idField } = first;
    const uploaded = new Set(dashboards.map((d) => d.name));
    const outcome: MissingOutcome = { newlyMissing: 0, stillMissing: 0, resolved: 0 };

    const existing = new Map<string, MissingRow>();
    for (const row of this.unresolvedRows(dataType, account, idField)) existing.set(row.user_id, row);
    const upsert = this.db.prepare(
      `INSERT INTO missing_users (data_type, account, id_field, user_id, dashboards, first_seen_at, last_seen_at)
       VALUES (@dataType, @account, @idField, @userId, @dashboards, @at, @at)
       ON CONFLICT (data_type, account, id_field, user_id) DO UPDATE SET
         dashboards = excluded.dashboards, last_seen_at = excluded.last_seen_at,
         first_seen_at = CASE WHEN resolved_at IS NULL THEN first_seen_at ELSE excluded.first_seen_at END,
         reported_at = CASE WHEN resolved_at IS NULL THEN reported_at ELSE NULL END,
         resolved_at = NULL, resolution = NULL`,
    );
    const update = this.db.prepare(
      `UPDATE missing_users SET dashboards = ?, resolved_at = ?, resolution = ? WHERE data_type = ? AND account = ? AND id_field = ? AND user_id = ?`,
    );

    for (const userId of missingIds) {
      const meantFor = dashboards.filter((d) => d.members.has(userId)).map((d) => d.name);
      const prior = existing.get(userId);
      const kept = prior ? (JSON.parse(prior.dashboards) as string[]).filter((name) => !uploaded.has(name)) : [];
      const all = [...new Set([...kept, ...meantFor])].sort(compareStrings);
      upsert.run({ dataType, account, idField, userId, dashboards: JSON.stringify(all), at });
      // Missing again after being found counts as new: it is news to whoever reads the digest.
      if (prior) outcome.stillMissing++;
      else outcome.newlyMissing++;
    }

    for (const [userId, row] of existing) {
      if (missingIds.has(userId)) continue;
      const names = JSON.parse(row.dashboards) as string[];
      if (!names.some((name) => uploaded.has(name))) continue;
      const remaining = names.filter((name) => !uploaded.has(name));
      if (remaining.length > 0) {
        update.run(JSON.stringify(remaining), null, null, dataType, account, idField, userId);
        continue;
      }
      const stillAMember = dashboards.some((d) => d.members.has(userId));
      update.run('[]', at, stillAMember ? 'found' : 'dropped', dataType, account, idField, userId);
      outcome.resolved++;
    }
    return outcome;
  }

  unresolved(): MissingUser[] {
    return (
      this.db.prepare(`SELECT * FROM missing_users WHERE resolved_at IS NULL ORDER BY data_type, account, user_id`).all() as MissingRow[]
    ).map(missingUserFromRow);
  }

  resolvedSince(at: string): MissingUser[] {
    return (
      this.db.prepare(`SELECT * FROM missing_users WHERE resolved_at >= ? ORDER BY data_type, account, user_id`).all(at) as MissingRow[]
    ).map(missingUserFromRow);
  }

  /** Dashboards (dashboardKeyString) holding members last reported missing before `before`. */
  dueForRetry(before: string): Set<string> {
    const rows = this.db
      .prepare(`SELECT data_type, account, dashboards FROM missing_users WHERE resolved_at IS NULL AND last_seen_at <= ?`)
      .all(before) as Array<Pick<MissingRow, 'data_type' | 'account' | 'dashboards'>>;
    const keys = new Set<string>();
    for (const row of rows) {
      for (const name of JSON.parse(row.dashboards) as string[])
        keys.add(dashboardKeyString({ dataType: row.data_type, account: row.account, name }));
    }
    return keys;
  }

  private unresolvedRows(dataType: DataType, account: string, idField: IdField): MissingRow[] {
    return this.db
      .prepare(`SELECT * FROM missing_users WHERE data_type = ? AND account = ? AND id_field = ? AND resolved_at IS NULL`)
      .all(dataType, account, idField) as MissingRow[];
  }
}

export function missingUserFromRow(row: MissingRow): MissingUser {
  return {
    dataType: row.data_type,
    account: row.account,
    idField: row.id_field,
    userId: row.user_id,
    dashboards: JSON.parse(row.dashboards) as string[],
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    resolvedAt: row.resolved_at,
    resolution: row.resolution,
    reportedAt: row.reported_at,
  };
}
