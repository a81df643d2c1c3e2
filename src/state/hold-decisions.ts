import type Database from 'better-sqlite3';

// What people decided about a held run through a link in the held digest: an approval (its run
// fills in the outcome later) or a "not now". One decision per link: the table refuses a second
// row with the same token id, so a link cannot be replayed, even by two clicks at once.

export type LinkDecision = 'approved' | 'declined';

export interface HoldDecision {
  id: number;
  runId: number;
  tokenId: string;
  fingerprint: string;
  decision: LinkDecision;
  decidedBy: string;
  via: 'link';
  decidedAt: string;
  /** The run that applied an approval (or held a changed plan again), once it started. */
  outcomeRunId: number | null;
  /** success | failed | held | error, once the approval's run ended. */
  outcome: string | null;
}

interface DecisionRow {
  id: number;
  run_id: number;
  token_id: string;
  fingerprint: string;
  decision: LinkDecision;
  decided_by: string;
  via: 'link';
  decided_at: string;
  outcome_run_id: number | null;
  outcome: string | null;
}

export interface NewDecision {
  runId: number;
  tokenId: string;
  fingerprint: string;
  decision: LinkDecision;
  decidedBy: string;
  decidedAt: string;
}

export class HoldDecisions {
  constructor(private readonly db: Database.Database) {}

  /** Records a decision; false when this link already carried one. */
  record(decision: NewDecision): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO hold_decisions (run_id, token_id, fingerprint, decision, decided_by, via, decided_at)
         VALUES (?, ?, ?, ?, ?, 'link', ?) ON CONFLICT (token_id) DO NOTHING`,
      )
      .run(decision.runId, decision.tokenId, decision.fingerprint, decision.decision, decision.decidedBy, decision.decidedAt);
    return result.changes === 1;
  }

  settle(id: number, outcomeRunId: number | null, outcome: string): void {
    this.db.prepare(`UPDATE hold_decisions SET outcome_run_id = ?, outcome = ? WHERE id = ?`).run(outcomeRunId, outcome, id);
  }

  byToken(tokenId: string): HoldDecision | undefined {
    const row = this.db.prepare(`SELECT * FROM hold_decisions WHERE token_id = ?`).get(tokenId) as DecisionRow | undefined;
    return row ? toDecision(row) : undefined;
  }

  forRun(runId: number): HoldDecision[] {
    return (this.db.prepare(`SELECT * FROM hold_decisions WHERE run_id = ? ORDER BY id`).all(runId) as DecisionRow[]).map(toDecision);
  }

  /** Approvals recorded but whose run has not ended (the daemon stopped meanwhile). */
  unsettledApprovals(): HoldDecision[] {
    return (
      this.db.prepare(`SELECT * FROM hold_decisions WHERE decision = 'approved' AND outcome IS NULL ORDER BY id`).all() as DecisionRow[]
    ).map(toDecision);
  }
}

function toDecision(row: DecisionRow): HoldDecision {
  return {
    id: row.id,
    runId: row.run_id,
    tokenId: row.token_id,
    fingerprint: row.fingerprint,
    decision: row.decision,
    decidedBy: row.decided_by,
    via: row.via,
    decidedAt: row.decided_at,
    outcomeRunId: row.outcome_run_id,
    outcome: row.outcome,
  };
}
