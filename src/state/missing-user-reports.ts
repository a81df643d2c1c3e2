import type Database from 'better-sqlite3';
import type { DataType, IdField } from '../desired/data-types.js';
import { missingUserFromRow, type MissingRow, type MissingUser } from './missing-users.js';

// What the digests have said about missing users (the `reported_at` column of missing_users),
// so that a user is named as new once, counted as "still missing" afterwards, and said to be
// no longer missing once. A user missing again after being found has reported_at cleared by
// MissingUsers.recordUpload, and so is new again.

export interface MissingUserKey {
  dataType: DataType;
  account: string;
  idField: IdField;
  userId: string;
}

export interface MissingUsersToReport {
  /** Missing and never named in a digest. */
  fresh: MissingUser[];
  /** Missing and named before. */
  still: MissingUser[];
  /** Named as missing before, no longer missing since. */
  noLongerMissing: MissingUser[];
}

const ORDER = `ORDER BY data_type, account, user_id`;

export class MissingUserReports {
  constructor(private readonly db: Database.Database) {}

  toReport(): MissingUsersToReport {
    const unresolved = (this.db.prepare(`SELECT * FROM missing_users WHERE resolved_at IS NULL ${ORDER}`).all() as MissingRow[]).map(
      missingUserFromRow,
    );
    const noLongerMissing = (
      this.db
        .prepare(
          `SELECT * FROM missing_users WHERE resolved_at IS NOT NULL AND reported_at IS NOT NULL AND reported_at < resolved_at ${ORDER}`,
        )
        .all() as MissingRow[]
    ).map(missingUserFromRow);
    return {
      fresh: unresolved.filter((u) => u.reportedAt === null),
      still: unresolved.filter((u) => u.reportedAt !== null),
      noLongerMissing,
    };
  }

  /** Call in the transaction that puts the digest naming them in the outbox. */
  markReported(users: readonly MissingUserKey[], at: string): void {
    const update = this.db.prepare(
      `UPDATE missing_users SET reported_at = ? WHERE data_type = ? AND account = ? AND id_field = ? AND user_id = ?`,
    );
    for (const user of users) update.run(at, user.dataType, user.account, user.idField, user.userId);
  }
}
