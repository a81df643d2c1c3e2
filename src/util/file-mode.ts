import { statSync } from 'node:fs';

// Who besides the owner may read or change a file that holds a secret or decides which code
// runs as the service: one reading of the mode bits for the config loader, the secret files,
// the token cache and the mapping module.

/** The permission bits of a file, or undefined when it cannot be stat'ed (its reader says why). */
export function permissionsOf(path: string): number | undefined {
  try {
    return statSync(path).mode & 0o777;
  } catch {
    return undefined;
  }
}

/** Group or other users may read it: wrong for a secret. */
export function readableBeyondOwner(mode: number): boolean {
  return (mode & 0o044) !== 0;
}

/** Group or other users may change it: wrong for a file that decides what runs. */
export function writableBeyondOwner(mode: number): boolean {
  return (mode & 0o022) !== 0;
}

/** Every user of the machine may change it. */
export function writableByEveryone(mode: number): boolean {
  return (mode & 0o002) !== 0;
}

/** "644", as ls and chmod write it. */
export function modeText(mode: number): string {
  return (mode & 0o777).toString(8).padStart(3, '0');
}
