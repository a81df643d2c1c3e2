import type Database from 'better-sqlite3';
import { storedText } from './stored-text.js';

// Digest emails waiting to be sent. Every digest is written here first and deleted once the
// mail server took it, so that a mail server that is down (or a process killed mid-send) never
// loses one: the next run sends what is left, oldest first.

export interface OutboxMessage {
  id: number;
  runId: number | null;
  createdAt: string;
  recipients: string[];
  sections: string[];
  subject: string;
  text: string;
  html: string;
  attempts: number;
  lastAttemptAt: string | null;
  lastError: string | null;
}

export interface NewOutboxMessage {
  runId: number | null;
  recipients: readonly string[];
  sections: readonly string[];
  subject: string;
  text: string;
  html: string;
}

export interface OutboxSummary {
  pending: number;
  oldestAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
}

interface OutboxRow {
  id: number;
  run_id: number | null;
  created_at: string;
  recipients: string;
  sections: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
  last_attempt_at: string | null;
  last_error: string | null;
}

export class Outbox {
  constructor(private readonly db: Database.Database) {}

  enqueue(message: NewOutboxMessage, at: string): number {
    const result = this.db
      .prepare(
        `INSERT INTO notify_outbox (run_id, created_at, recipients, sections, subject, text_body, html_body)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        message.runId,
        at,
        JSON.stringify(message.recipients),
        JSON.stringify(message.sections),
        message.subject,
        message.text,
        message.html,
      );
    return Number(result.lastInsertRowid);
  }

  /** Oldest first, so that readers get digests in the order the runs happened. */
  pending(): OutboxMessage[] {
    return (this.db.prepare(`SELECT * FROM notify_outbox ORDER BY id`).all() as OutboxRow[]).map(toMessage);
  }

  markSent(id: number): void {
    this.db.prepare(`DELETE FROM notify_outbox WHERE id = ?`).run(id);
  }

  markFailed(id: number, error: string, at: string): void {
    this.db
      .prepare(`UPDATE notify_outbox SET attempts = attempts + 1, last_attempt_at = ?, last_error = ? WHERE id = ?`)
      .run(at, storedText(error), id);
  }

  /** Drops messages created before `before` and returns them, for the log. */
  expire(before: string): OutboxMessage[] {
    const rows = this.db.prepare(`SELECT * FROM notify_outbox WHERE created_at < ? ORDER BY id`).all(before) as OutboxRow[];
    if (rows.length > 0) this.db.prepare(`DELETE FROM notify_outbox WHERE created_at < ?`).run(before);
    return rows.map(toMessage);
  }

  summary(): OutboxSummary {
    const counts = this.db.prepare(`SELECT COUNT(*) AS pending, MIN(created_at) AS oldestAt FROM notify_outbox`).get() as {
      pending: number;
      oldestAt: string | null;
    };
    const last = this.db
      .prepare(
        `SELECT last_attempt_at, last_error FROM notify_outbox WHERE last_attempt_at IS NOT NULL ORDER BY last_attempt_at DESC LIMIT 1`,
      )
      .get() as Pick<OutboxRow, 'last_attempt_at' | 'last_error'> | undefined;
    return { ...counts, lastAttemptAt: last?.last_attempt_at ?? null, lastError: last?.last_error ?? null };
  }
}

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    runId: row.run_id,
    createdAt: row.created_at,
    recipients: JSON.parse(row.recipients) as string[],
    sections: JSON.parse(row.sections) as string[],
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    attempts: row.attempts,
    lastAttemptAt: row.last_attempt_at,
    lastError: row.last_error,
  };
}
