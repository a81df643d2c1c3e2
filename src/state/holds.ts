import type Database from 'better-sqlite3';
import type { GuardFinding } from '../desired/guard-findings.js';

// Runs the safety guard held, until a person approves, overrides, or the plan changes.

export type HoldResolution = 'approved' | 'overridden' | 'superseded' | 'recovered';
/** How a person's approval or override came: the command line, or a link in the held digest. */
export type DecisionVia = 'cli' | 'link';

/** A held change, per dashboard: enough to show what would happen and to tell whether it changed. */
export interface HeldChange {
  dataType: string;
  account: string;
  name: string;
  action: string;
  added: string[];
  removed: string[];
  allyChanged: string[];
}

export interface HoldRecord {
  runId: number;
  fingerprint: string;
  findings: GuardFinding[];
  changes: HeldChange[];
  createdAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  resolution: HoldResolution | null;
  resolvedBy: string | null;
  resolvedVia: DecisionVia | null;
  resolvedRunId: number | null;
}

interface HoldRow {
  run_id: number;
  fingerprint: string;
  findings: string;
  changes: string;
  created_at: string;
  last_seen_at: string;
  resolved_at: string | null;
  resolution: HoldResolution | null;
  resolved_by: string | null;
  resolved_via: DecisionVia | null;
  resolved_run_id: number | null;
}

export class Holds {
  constructor(private readonly db: Database.Database) {}

  create(runId: number, fingerprint: string, findings: GuardFinding[], changes: HeldChange[], at: string): void {
    this.db
      .prepare(`INSERT INTO holds (run_id, fingerprint, findings, changes, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(runId, fingerprint, JSON.stringify(findings), JSON.stringify(changes), at, at);
  }

  seenAgain(runId: number, at: string): void {
    this.db.prepare(`UPDATE holds SET last_seen_at = ? WHERE run_id = ?`).run(at, runId);
  }

  resolve(
    runId: number,
    resolution: HoldResolution,
    at: string,
    by: string | null,
    resolvedRunId: number,
    via: DecisionVia | null = null,
  ): void {
    this.db
      .prepare(
        `UPDATE holds SET resolved_at = ?, resolution = ?, resolved_by = ?, resolved_via = ?, resolved_run_id = ? WHERE run_id = ? AND resolved_at IS NULL`,
      )
      .run(at, resolution, by, via, resolvedRunId, runId);
  }

  /** Holds closed by a person (approved or overridden), newest first: for `status`. */
  recentlyDecided(limit: number): HoldRecord[] {
    return (
      this.db
        .prepare(`SELECT * FROM holds WHERE resolution IN ('approved', 'overridden') ORDER BY resolved_at DESC LIMIT ?`)
        .all(limit) as HoldRow[]
    ).map(toRecord);
  }

  /** The hold a run closed as approved, if it did: for `history`. */
  approvedBy(resolvedRunId: number): HoldRecord | undefined {
    const row = this.db.prepare(`SELECT * FROM holds WHERE resolved_run_id = ? AND resolution = 'approved'`).get(resolvedRunId) as
      HoldRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  open(): HoldRecord[] {
    return (this.db.prepare(`SELECT * FROM holds WHERE resolved_at IS NULL ORDER BY run_id`).all() as HoldRow[]).map(toRecord);
  }

  get(runId: number): HoldRecord | undefined {
    const row = this.db.prepare(`SELECT * FROM holds WHERE run_id = ?`).get(runId) as HoldRow | undefined;
    return row ? toRecord(row) : undefined;
  }
}

function toRecord(row: HoldRow): HoldRecord {
  return {
    runId: row.run_id,
    fingerprint: row.fingerprint,
    findings: JSON.parse(row.findings) as GuardFinding[],
    changes: JSON.parse(row.changes) as HeldChange[],
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    resolvedAt: row.resolved_at,
    resolution: row.resolution,
    resolvedBy: row.resolved_by,
    resolvedVia: row.resolved_via,
    resolvedRunId: row.resolved_run_id,
  };
}
