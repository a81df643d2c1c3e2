import type Database from 'better-sqlite3';
import { countRunsSince } from './run-counts.js';
import { storedText } from './stored-text.js';

export type RunOutcome = 'running' | 'success' | 'failed' | 'held' | 'interrupted';

export interface RunRecord {
  id: number;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: RunOutcome;
  summary: unknown;
  error: string | null;
}

interface RunRow {
  id: number;
  trigger: string;
  started_at: string;
  finished_at: string | null;
  outcome: RunOutcome;
  summary: string | null;
  error: string | null;
}

export class Runs {
  constructor(private readonly db: Database.Database) {}

  /** Runs started after `since` (all runs when undefined), for the heartbeat's "has run N times". */
  countSince(since: string | undefined): number {
    return countRunsSince(this.db, since);
  }

  start(trigger: string, at: string): number {
    const result = this.db.prepare(`INSERT INTO runs (trigger, started_at, outcome) VALUES (?, ?, 'running')`).run(trigger, at);
    return Number(result.lastInsertRowid);
  }

  /**
   * The first end recorded stands: a run given up on (past sync.runTimeoutMinutes) that wakes
   * up later must not turn its "failed" back into something else. Returns whether it was recorded.
   */
  finish(id: number, outcome: Exclude<RunOutcome, 'running'>, at: string, summary: unknown, error?: string): boolean {
    return (
      this.db
        .prepare(`UPDATE runs SET outcome = ?, finished_at = ?, summary = ?, error = ? WHERE id = ? AND outcome = 'running'`)
        .run(outcome, at, storedText(JSON.stringify(summary ?? null)), storedText(error), id).changes > 0
    );
  }

  /** Runs a killed process left "running" are marked interrupted by the next one. */
  markInterrupted(at: string): number {
    return this.db
      .prepare(
        `UPDATE runs SET outcome = 'interrupted', finished_at = ?, error = 'The process stopped before the run ended' WHERE outcome = 'running'`,
      )
      .run(at).changes;
  }

  get(id: number): RunRecord | undefined {
    const row = this.db.prepare(`SELECT * FROM runs WHERE id = ?`).get(id) as RunRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  recent(limit: number): RunRecord[] {
    return (this.db.prepare(`SELECT * FROM runs ORDER BY id DESC LIMIT ?`).all(limit) as RunRow[]).map(toRecord);
  }
}

function toRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    trigger: row.trigger,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    outcome: row.outcome,
    summary: row.summary ? JSON.parse(row.summary) : null,
    error: row.error,
  };
}
