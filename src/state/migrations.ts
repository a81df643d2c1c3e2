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
  `
  CREATE TABLE holds (
    run_id        INTEGER PRIMARY KEY REFERENCES runs(id),  -- the run that was held
    fingerprint   TEXT NOT NULL,            -- of the held plan: the same plan again is the same hold
    findings      TEXT NOT NULL,            -- JSON: what tripped the guard
    changes       TEXT NOT NULL,            -- JSON: the held plan's changes (ids added and removed per dashboard)
    created_at    TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL,            -- the last run that produced the same held plan
    resolved_at   TEXT,
    resolution    TEXT,                     -- approved | overridden | superseded | recovered
    resolved_by   TEXT,
    resolved_run_id INTEGER
  );

  CREATE TABLE people (
    data_type TEXT NOT NULL,
    id        TEXT NOT NULL,
    name      TEXT NOT NULL,
    school    TEXT NOT NULL,
    PRIMARY KEY (data_type, id)
  );

  CREATE TABLE source_census (
    id      INTEGER PRIMARY KEY CHECK (id = 1),  -- one row: the census of the last accepted read
    run_id  INTEGER NOT NULL,
    census  TEXT NOT NULL,
    read_at TEXT NOT NULL
  );

  CREATE TABLE snapshot_history (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id      INTEGER NOT NULL,           -- the run whose upload replaced this snapshot
    upload_id   INTEGER NOT NULL,
    data_type   TEXT NOT NULL,
    account     TEXT NOT NULL,
    dashboard   TEXT NOT NULL,
    id_field    TEXT,                       -- NULL: the dashboard was not managed before
    members     TEXT,                       -- JSON [id, is_ally] pairs before the change; NULL as above
    recorded_at TEXT NOT NULL
  );
  CREATE INDEX snapshot_history_run ON snapshot_history(run_id);
  `,
  // 3: digest emails (issue 6): the outbox, failures being tracked for reminders, and marks.
  `
  CREATE TABLE notify_outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id          INTEGER,                 -- the run the digest is about; null for other mail
    created_at      TEXT NOT NULL,
    recipients      TEXT NOT NULL,           -- JSON: addresses
    sections        TEXT NOT NULL,           -- JSON: kinds of news it carries
    subject         TEXT NOT NULL,
    text_body       TEXT NOT NULL,
    html_body       TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_attempt_at TEXT,
    last_error      TEXT
  );

  CREATE TABLE notify_failures (
    fingerprint      TEXT PRIMARY KEY,       -- what stays the same while one failure repeats
    kind             TEXT NOT NULL,          -- errors | held: who hears about it
    scope            TEXT NOT NULL,          -- run | upload | held: which runs can show it ended
    title            TEXT NOT NULL,          -- as last shown
    started_at       TEXT NOT NULL,
    last_seen_at     TEXT NOT NULL,
    last_notified_at TEXT,
    runs             INTEGER NOT NULL        -- runs that showed it
  );

  CREATE TABLE notify_marks (
    name  TEXT PRIMARY KEY,                  -- heartbeat.lastAt, mail.lastSentAt, mail.lastError ...
    value TEXT NOT NULL
  );
  `,
  // 4: decisions on held runs from the approval page (issue 18): how an approval came, and who
  // looked through a link and what they chose. One decision per link (token_id is unique).
  `
  ALTER TABLE holds ADD COLUMN resolved_via TEXT;   -- cli | link: how an approval or override came

  CREATE TABLE hold_decisions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id         INTEGER NOT NULL,          -- the held run
    token_id       TEXT NOT NULL UNIQUE,      -- the link's own id, never the token itself
    fingerprint    TEXT NOT NULL,             -- the plan the decider saw
    decision       TEXT NOT NULL,             -- approved | declined
    decided_by     TEXT NOT NULL,             -- the recipient the link was sent to
    via            TEXT NOT NULL,             -- link
    decided_at     TEXT NOT NULL,
    outcome_run_id INTEGER,                   -- approved: the run that applied (or re-held) the plan
    outcome        TEXT                       -- approved: success | failed | held | error, once known
  );
  CREATE INDEX hold_decisions_run ON hold_decisions(run_id);
  `,
];
