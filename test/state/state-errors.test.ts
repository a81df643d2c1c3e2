import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StateError } from '../../src/errors.js';
import { acquireStateLock } from '../../src/state/lock.js';
import { asStateError } from '../../src/state/state-errors.js';
import { DATABASE_FILE, openState, openStateReadOnly } from '../../src/state/store.js';
import { tempDir } from '../helpers/temp.js';

// A damaged database, a file where the state directory should be, a full disk: each says which
// path, which setting, and what to do, not SQLite's or the file system's bare words.

function failure(work: () => unknown): StateError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(StateError);
    return error as StateError;
  }
  throw new Error('expected a StateError');
}

describe('state store failures', () => {
  it('a file of garbage as the database: names the path and state.dir, and how to restore or start fresh', () => {
    const dir = join(tempDir(), 'state');
    mkdirSync(dir);
    writeFileSync(join(dir, DATABASE_FILE), 'this is not a database, just some text that is long enough to have a header. '.repeat(40));
    for (const error of [failure(() => openState(dir)), failure(() => openStateReadOnly(dir))]) {
      expect(error.message).toContain(
        `the state database ${join(dir, DATABASE_FILE)} (state.dir: ${dir}): the file is not a SQLite database`,
      );
      expect(error.message).toContain('(SQLITE_NOTADB)');
      expect(error.code).toBe('STATE_NOTADB');
      expect(error.hint).toBe(
        `Restore ${dir} from a backup, or start fresh: move it aside and run again (sis-sync creates a new one; the next run uploads every dashboard whole, and the history of missing users, holds, rollback history and any upload still in flight are forgotten).`,
      );
    }
  });

  it('a file where the state directory should be: says so, for the lock and the database', () => {
    const parent = tempDir();
    writeFileSync(join(parent, 'state'), 'a file');
    for (const dir of [join(parent, 'state'), join(parent, 'state', 'below')]) {
      for (const error of [failure(() => acquireStateLock(dir, 'once')), failure(() => openState(dir))]) {
        expect(error.message).toContain(
          `(state.dir: ${dir}): a file stands where the state directory (or one of its parent directories) should be`,
        );
        expect(error.hint).toBe('Point state.dir at a directory, or move that file away.');
      }
    }
  });

  it('maps SQLite codes met mid-run (a full disk, a damaged page, a read-only file) and lets other errors through', () => {
    const dir = '/var/lib/sis-sync';
    const full = asStateError(new Database.SqliteError('database or disk is full', 'SQLITE_FULL'), dir) as StateError;
    expect(full).toBeInstanceOf(StateError);
    expect(full.message).toBe('The state database failed (state.dir: /var/lib/sis-sync): the disk is full (SQLITE_FULL)');
    expect(full.hint).toMatch(/^Free space on the disk that holds \/var\/lib\/sis-sync, then run again/);
    const corrupt = asStateError(new Database.SqliteError('database disk image is malformed', 'SQLITE_CORRUPT'), dir) as StateError;
    expect(corrupt.message).toContain('the database is damaged (SQLITE_CORRUPT)');
    expect(corrupt.hint).toMatch(/^Restore \/var\/lib\/sis-sync from a backup, or start fresh/);
    const readonly = asStateError(new Database.SqliteError('attempt to write a readonly database', 'SQLITE_READONLY_DBMOVED'), dir);
    expect((readonly as StateError).message).toContain('the database or its directory is read-only (SQLITE_READONLY)');
    const cantopen = asStateError(new Database.SqliteError('unable to open database file', 'SQLITE_CANTOPEN'), dir);
    expect((cantopen as StateError).hint).toContain('is a directory the service user can read and write');
    const other = new Error('not a state failure');
    expect(asStateError(other, dir)).toBe(other);
  });
});
