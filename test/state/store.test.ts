import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StateError } from '../../src/errors.js';
import { DATABASE_FILE, openState, openStateReadOnly } from '../../src/state/store.js';
import { tempDir } from '../helpers/temp.js';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('state store', () => {
  it('creates the directory 0700 and the database 0600, WAL files included', () => {
    const dir = join(tempDir(), 'state');
    const store = openState(dir);
    store.runs.start('test', new Date().toISOString());
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, DATABASE_FILE))).toBe(0o600);
    for (const suffix of ['-wal', '-shm']) {
      const path = join(dir, DATABASE_FILE + suffix);
      if (existsSync(path)) expect(mode(path) & 0o077).toBe(0);
    }
    store.close();
  });

  it('opens read-only without creating anything when there is no state yet', () => {
    const dir = join(tempDir(), 'nothing-here');
    expect(openStateReadOnly(dir)).toBeUndefined();
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses a database written by a newer version', () => {
    const dir = tempDir();
    openState(dir).close();
    const db = new Database(join(dir, DATABASE_FILE));
    db.pragma('user_version = 99');
    db.close();
    expect(() => openState(dir)).toThrow(/written by a newer sis-sync \(schema 99\)/);
  });

  it('refuses a newer database read-only too, saying it is newer, not that it needs upgrading', () => {
    const dir = tempDir();
    openState(dir).close();
    const db = new Database(join(dir, DATABASE_FILE));
    db.pragma('user_version = 99');
    db.close();
    let error: unknown;
    try {
      openStateReadOnly(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StateError);
    expect((error as StateError).message).toMatch(/written by a newer sis-sync \(schema 99\)/);
    expect((error as StateError).hint).toMatch(/restore the backup/);
    expect((error as StateError).hint).not.toMatch(/sis-sync once/);
  });

  it('marks runs a killed process left running as interrupted', () => {
    const store = openState(tempDir());
    store.runs.start('once', '2026-01-01T00:00:00.000Z');
    expect(store.runs.markInterrupted('2026-01-01T01:00:00.000Z')).toBe(1);
    expect(store.runs.recent(1)[0]).toMatchObject({ outcome: 'interrupted', finishedAt: '2026-01-01T01:00:00.000Z' });
    store.close();
  });
});
