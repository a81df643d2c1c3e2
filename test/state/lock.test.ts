import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireStateLock, LOCK_FILE } from '../../src/state/lock.js';
import { tempDir } from '../helpers/temp.js';

describe('state lock', () => {
  it('is exclusive while held and free once released', () => {
    const dir = tempDir();
    const lock = acquireStateLock(dir, 'once');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, command: 'once' });
    expect(() => acquireStateLock(dir, 'once')).toThrow(/already holds the lock/);
    lock.release();
    acquireStateLock(dir, 'once').release();
  });

  it('takes over a lock left by a process that is gone', () => {
    const dir = tempDir();
    // A real pid that no longer exists: a child that has already exited.
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: dead, host: hostname(), since: '2026-01-01T00:00:00Z', command: 'run' }));
    const lock = acquireStateLock(dir, 'once');
    expect(lock.staleOwner).toMatchObject({ pid: dead, command: 'run' });
    lock.release();
  });

  it('respects a lock from another host', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, host: 'other-host', since: '2026-01-01T00:00:00Z', command: 'run' }));
    expect(() => acquireStateLock(dir, 'once')).toThrow(/on other-host/);
  });
});
