import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StateError } from '../errors.js';

// One process at a time per state directory. The lock file holds the owner's pid and host;
// a lock whose process is gone (killed, crashed, container restarted) is taken over.

export const LOCK_FILE = 'sis-sync.lock';

export interface LockOwner {
  pid: number;
  host: string;
  since: string;
  command: string;
}

export interface StateLock {
  release(): void;
  /** Set when a lock left by a dead process was taken over. */
  staleOwner: LockOwner | undefined;
}

export function acquireStateLock(dir: string, command: string): StateLock {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), command };
  let staleOwner: LockOwner | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      let released = false;
      return {
        staleOwner,
        release() {
          if (released) return;
          released = true;
          rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StateError(`Cannot create the lock file ${path}: ${(error as Error).message}`, { code: 'STATE_LOCK', cause: error });
      }
      const current = readOwner(path);
      if (current && isAlive(current)) {
        throw new StateError(
          `Another sis-sync process (pid ${current.pid} on ${current.host}, "${current.command}" since ${current.since}) is using ${dir}`,
          { code: 'STATE_LOCKED', hint: 'Wait for it to finish, or stop it. Two processes must never share a state directory.' },
        );
      }
      staleOwner = current;
      rmSync(path, { force: true });
    }
  }
  throw new StateError(`Cannot take the lock ${path}: another process keeps creating it`, { code: 'STATE_LOCKED' });
}

function readOwner(path: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
  } catch {
    return undefined; // unreadable or half-written: treat as stale
  }
}

function isAlive(owner: LockOwner): boolean {
  // A lock from another host (a shared volume) cannot be checked: respect it.
  if (owner.host !== hostname()) return true;
  // In a container the same pid comes back after a restart; our own pid cannot hold it yet.
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
