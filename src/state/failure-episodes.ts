import type Database from 'better-sqlite3';
import { storedText } from './stored-text.js';

// Failures that are going on, one row per fingerprint, so that a failure repeating run after
// run is reported when it starts, reminded about at most once per interval, and announced once
// when it ends (the row is then deleted).

export type FailureKind = 'errors' | 'held';

/** Which runs can show that a failure ended: any run, one that reached the upload stage, one the guard judged. */
export type FailureScope = 'run' | 'upload' | 'held' | 'credential';

export interface FailureEpisode {
  fingerprint: string;
  kind: FailureKind;
  scope: FailureScope;
  title: string;
  startedAt: string;
  lastSeenAt: string;
  lastNotifiedAt: string | null;
  runs: number;
}

interface EpisodeRow {
  fingerprint: string;
  kind: FailureKind;
  scope: FailureScope;
  title: string;
  started_at: string;
  last_seen_at: string;
  last_notified_at: string | null;
  runs: number;
}

export class FailureEpisodes {
  constructor(private readonly db: Database.Database) {}

  open(): FailureEpisode[] {
    return (this.db.prepare(`SELECT * FROM notify_failures ORDER BY started_at, fingerprint`).all() as EpisodeRow[]).map(toEpisode);
  }

  save(episode: FailureEpisode): void {
    this.db
      .prepare(
        `INSERT INTO notify_failures (fingerprint, kind, scope, title, started_at, last_seen_at, last_notified_at, runs)
         VALUES (@fingerprint, @kind, @scope, @title, @startedAt, @lastSeenAt, @lastNotifiedAt, @runs)
         ON CONFLICT (fingerprint) DO UPDATE SET
           kind = excluded.kind, scope = excluded.scope, title = excluded.title, last_seen_at = excluded.last_seen_at,
           last_notified_at = excluded.last_notified_at, runs = excluded.runs`,
      )
      .run({ ...episode, title: storedText(episode.title) });
  }

  close(fingerprint: string): void {
    this.db.prepare(`DELETE FROM notify_failures WHERE fingerprint = ?`).run(fingerprint);
  }
}

function toEpisode(row: EpisodeRow): FailureEpisode {
  return {
    fingerprint: row.fingerprint,
    kind: row.kind,
    scope: row.scope,
    title: row.title,
    startedAt: row.started_at,
    lastSeenAt: row.last_seen_at,
    lastNotifiedAt: row.last_notified_at,
    runs: row.runs,
  };
}
