import type Database from 'better-sqlite3';

// Small named facts the notifier keeps between runs: when the heartbeat clock last reset, when
// mail last went out, and the last delivery error.

export type NotifyMarkName =
  'heartbeat.lastAt' | 'mail.lastSentAt' | 'mail.lastFailedAt' | 'mail.lastError' | 'mail.expired' | 'drift.lastFingerprint';

export class NotifyMarks {
  constructor(private readonly db: Database.Database) {}

  get(name: NotifyMarkName): string | undefined {
    const row = this.db.prepare(`SELECT value FROM notify_marks WHERE name = ?`).get(name) as { value: string } | undefined;
    return row?.value;
  }

  set(name: NotifyMarkName, value: string): void {
    this.db
      .prepare(`INSERT INTO notify_marks (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`)
      .run(name, value);
  }

  delete(name: NotifyMarkName): void {
    this.db.prepare(`DELETE FROM notify_marks WHERE name = ?`).run(name);
  }
}
