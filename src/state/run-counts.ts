import type Database from 'better-sqlite3';

/** Runs started after `since` (all runs when undefined), for the heartbeat's "has run N times". */
export function countRunsSince(db: Database.Database, since: string | undefined): number {
  const row = (
    since === undefined
      ? db.prepare(`SELECT COUNT(*) AS n FROM runs`).get()
      : db.prepare(`SELECT COUNT(*) AS n FROM runs WHERE started_at > ?`).get(since)
  ) as { n: number };
  return row.n;
}
