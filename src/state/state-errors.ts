import Database from 'better-sqlite3';
import { StateError } from '../errors.js';

// The one place where a failure of the state directory or its database becomes a StateError a
// person can act on: which path, which setting (state.dir), and what to do. SQLite's and the
// file system's own words ("database disk image is malformed", ENOTDIR) say neither.

const SETTING = 'state.dir';

/** What starting over with an empty state directory costs, for every hint that suggests it. */
export const FRESH_START_COST =
  'the next run uploads every dashboard whole, and the history of missing users, holds, rollback history and any upload still in flight are forgotten';

interface Explained {
  reason: string;
  hint: string;
}

/**
 * `doing`: "Cannot open the state database /x/sis-sync.db", "Cannot create the state directory …".
 * A StateError passes through unchanged; other errors are kept as the cause.
 */
export function stateErrorFrom(doing: string, dir: string, cause: unknown): StateError {
  if (cause instanceof StateError) return cause;
  const code = codeOf(cause);
  const explained = explain(code, dir);
  const reason = explained?.reason ?? (cause as Error).message;
  return new StateError(`${doing} (${SETTING}: ${dir}): ${reason}${code ? ` (${code})` : ''}`, {
    code: code?.startsWith('SQLITE_') ? `STATE_${code.slice('SQLITE_'.length)}` : 'STATE_OPEN',
    hint:
      explained?.hint ?? `Check that ${SETTING} names a directory the service user can write, on a local disk (not a network file system).`,
    cause,
  });
}

/** A SQLite error from a store already open (a write mid-run) as a StateError; others pass through. */
export function asStateError(error: unknown, dir: string, doing = 'The state database failed'): unknown {
  return error instanceof Database.SqliteError ? stateErrorFrom(doing, dir, error) : error;
}

function explain(code: string | undefined, dir: string): Explained | undefined {
  const restore = `Restore ${dir} from a backup, or start fresh: move it aside and run again (sis-sync creates a new one; ${FRESH_START_COST}).`;
  switch (code) {
    case 'SQLITE_CORRUPT':
      return { reason: 'the database is damaged', hint: restore };
    case 'SQLITE_NOTADB':
      return { reason: 'the file is not a SQLite database (damaged, or another file put there)', hint: restore };
    case 'SQLITE_FULL':
    case 'ENOSPC':
      return {
        reason: 'the disk is full',
        hint: `Free space on the disk that holds ${dir}, then run again; nothing of this run was recorded after the failing write.`,
      };
    case 'SQLITE_CANTOPEN':
      return {
        reason: 'SQLite cannot open the database file',
        hint: `Check that ${dir} is a directory the service user can read and write, and that sis-sync.db in it is a file.`,
      };
    case 'SQLITE_READONLY':
    case 'EROFS':
      return {
        reason: 'the database or its directory is read-only',
        hint: `Give the service user write access to ${dir} and the files in it (or mount it read-write).`,
      };
    case 'ENOTDIR':
    case 'EEXIST':
      return {
        reason: 'a file stands where the state directory (or one of its parent directories) should be',
        hint: `Point ${SETTING} at a directory, or move that file away.`,
      };
    case 'EACCES':
    case 'EPERM':
      return { reason: 'permission denied', hint: `Give the service user write access to ${dir} (it is created with mode 0700).` };
    default:
      return undefined;
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  // SQLITE_CORRUPT_VTAB, SQLITE_IOERR_WRITE … are variants of their primary code.
  const primary = ['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_FULL', 'SQLITE_CANTOPEN', 'SQLITE_READONLY'].find(
    (p) => code === p || code.startsWith(`${p}_`),
  );
  return primary ?? code;
}
