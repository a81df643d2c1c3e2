// Schema changes, applied in order; PRAGMA user_version records how many have run.
// Never edit a migration that has shipped: add a new one.

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE runs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    trigger      TEXT NOT NULL,             -- once | schedule | demo | approve | ...
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    outcome      TEXT NOT NULL,             -- running | success | failed | held | interrupted
    summary      TEXT,                      -- JSON: plan totals, uploads, missing users
    error        TEXT                       -- what went wrong, as shown to a person
  );

  CREATE TABLE uploads (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id         INTEGER NOT NULL REFERENCES runs(id),
    api_id         TEXT UNIQUE,             -- AspirEDU's UUID, known once the POST answered
    account        TEXT NOT NULL,
    data_type      TEXT NOT NULL,
    id_field       TEXT NOT NULL,
    phase          TEXT NOT NULL,           -- sending | polling | done | abandoned
    status         TEXT,                    -- AspirEDU's status, last seen
    dashboards     TEXT NOT NULL,           -- JSON: the whole content, to record the snapshot after a restart
    dashboard_count INTEGER NOT NULL,
    row_count      INTEGER NOT NULL,
    content_hash   TEXT NOT NULL,
    intent_at      TEXT NOT NULL,           -- written before the POST
    created_at     TEXT,
    finished_at    TEXT,
    last_polled_at TEXT,
    polls          INTEGER NOT NULL DEFAULT 0,
    error          TEXT,
    missing        TEXT                     -- JSON: AspirEDU's "missing" object
  );
  CREATE INDEX uploads_phase ON uploads(phase);
  CREATE INDEX uploads_run ON uploads(run_id);

  CREATE TABLE snapshots (
    data_type    TEXT NOT NULL,
    account      TEXT NOT NULL,
    dashboard    TEXT NOT NULL,
    id_field     TEXT NOT NULL,
    members      TEXT NOT NULL,             -- JSON: sorted [id, is_ally] pairs, as last uploaded with success
    member_count INTEGER NOT NULL,
    upload_id    INTEGER REFERENCES uploads(id),
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (data_type, account, dashboard)
  );

  CREATE TABLE missing_users (
    data_type    TEXT NOT NULL,
    account      TEXT NOT NULL,
    id_field     TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    dashboards   TEXT NOT NULL,             -- JSON: names of the dashboards they were meant for
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,             -- last upload that reported them missing
    resolved_at  TEXT,                      -- no longer missing
    resolution   TEXT,                      -- found (AspirEDU knows them now) | dropped (no longer on any dashboard)
    reported_at  TEXT,                      -- last digest that named them
    PRIMARY KEY (data_type, account, id_field, user_id)
  );
  CREATE INDEX missing_unresolved ON missing_users(resolved_at);
  `,
];
