import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StateError } from '../errors.js';
import { MIGRATIONS } from './migrations.js';
import { HoldDecisions } from './hold-decisions.js';
import { stateErrorFrom } from './state-errors.js';
import { FailureEpisodes } from './failure-episodes.js';
import { Holds } from './holds.js';
import { MissingUserReports } from './missing-user-reports.js';
import { MissingUsers } from './missing-users.js';
import { NotifyMarks } from './notify-marks.js';
import { Outbox } from './outbox.js';
import { People } from './people.js';
import { Runs } from './runs.js';
import { SnapshotHistory } from './snapshot-history.js';
import { Snapshots } from './snapshots.js';
import { Uploads } from './uploads.js';

// The SQLite state store (WAL): runs, uploads, snapshots, missing users, and the notifier's
// outbox, marks, failure episodes and missing-user reports. The one way into its tables: each
// is reached through a field here. Every change that must stay consistent across a kill
// happens inside one transaction.

export const DATABASE_FILE = 'sis-sync.db';

export interface OpenOptions {
  /** Open without writing anything; a missing database yields `undefined` from `openStateReadOnly`. */
  readonly?: boolean;
}

export class StateStore {
  readonly runs: Runs;
  readonly uploads: Uploads;
  readonly snapshots: Snapshots;
  readonly missingUsers: MissingUsers;
  readonly holds: Holds;
  readonly holdDecisions: HoldDecisions;
  readonly people: People;
  readonly history: SnapshotHistory;
  readonly outbox: Outbox;
  readonly notifyMarks: NotifyMarks;
  readonly failureEpisodes: FailureEpisodes;
  readonly missingUserReports: MissingUserReports;

  constructor(readonly db: Database.Database) {
    this.runs = new Runs(db);
    this.uploads = new Uploads(db);
    this.snapshots = new Snapshots(db);
    this.missingUsers = new MissingUsers(db);
    this.holds = new Holds(db);
    this.holdDecisions = new HoldDecisions(db);
    this.people = new People(db);
    this.history = new SnapshotHistory(db);
    this.outbox = new Outbox(db);
    this.notifyMarks = new NotifyMarks(db);
    this.failureEpisodes = new FailureEpisodes(db);
    this.missingUserReports = new MissingUserReports(db);
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  close(): void {
    if (!this.db.open) return;
    if (!this.db.readonly) leaveInRollbackMode(this.db);
    this.db.close();
  }
}

/** Opens (creating if needed) the store under `dir`, readable by the service user only. */
export function openState(dir: string): StateStore {
  const path = join(dir, DATABASE_FILE);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return new StateStore(db);
  } catch (error) {
    throw stateErrorFrom(`Cannot open the state database ${path}`, dir, error);
  }
}

/** For commands that must change nothing (`plan`, `status`): no directory, file or schema is created. */
export function openStateReadOnly(dir: string): StateStore | undefined {
  const path = join(dir, DATABASE_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      db.close();
      throw newerDatabaseError(version);
    }
    if (version !== MIGRATIONS.length) {
      db.close();
      throw new StateError(`The state database ${path} is at schema version ${version}, this program expects ${MIGRATIONS.length}`, {
        code: 'STATE_VERSION',
        hint: 'Run `sis-sync once` (or start the daemon) once with this version to upgrade it.',
      });
    }
    return new StateStore(db);
  } catch (error) {
    throw stateErrorFrom(`Cannot read the state database ${path}`, dir, error);
  }
}

/**
 * A read-only connection to a database in WAL mode must create the -shm and -wal files if they
 * are missing, and cannot remove them: `plan` and `status` would write to state.dir. A writer
 * therefore leaves the file in rollback mode when it closes (the next writer turns WAL on
 * again); read-only openers then only read it. While a writer has it open, readers share the
 * writer's -shm and -wal. Another process reading it at this moment: left in WAL, harmlessly.
 */
function leaveInRollbackMode(db: Database.Database): void {
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
  } catch {
    // busy: stays in WAL mode until the next writer closes
  }
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) throw newerDatabaseError(version);
  for (let index = version; index < MIGRATIONS.length; index++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[index] as string);
      db.pragma(`user_version = ${index + 1}`);
    })();
  }
}

/** An older sis-sync must not write, nor read, a schema it does not know: after a downgrade, say so. */
function newerDatabaseError(version: number): StateError {
  return new StateError(`The state database was written by a newer sis-sync (schema ${version}); this one knows ${MIGRATIONS.length}`, {
    code: 'STATE_VERSION',
    hint: 'Install that newer version again, or restore the backup of state.dir taken before the upgrade (see "Backup and upgrade" in docs/operations.md).',
  });
}
