import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StateError } from '../errors.js';
import { stateErrorFrom } from './state-errors.js';

// One process at a time per state directory. The lock file holds the owner's pid and host;
// a lock whose process is gone (killed, crashed, container restarted) is taken over.

export const LOCK_FILE = 'sis-sync.lock';

/** Lock files this process holds; a second acquire from the same process must fail too. */
const heldHere = new Set<string>();

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
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw stateErrorFrom('Cannot create the state directory', dir, error);
  }
  const path = join(dir, LOCK_FILE);
  if (heldHere.has(path)) {
    throw new StateError(`This process already holds the lock on ${dir}`, { code: 'STATE_LOCKED' });
  }
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), command };
  let staleOwner: LockOwner | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      heldHere.add(path);
      let released = false;
      return {
        staleOwner,
        release() {
          if (released) return;
          released = true;
          heldHere.delete(path);
          rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw stateErrorFrom(`Cannot create the lock file ${path}`, dir, error);
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
