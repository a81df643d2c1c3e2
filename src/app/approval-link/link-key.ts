import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StateError } from '../../errors.js';
import { registerSecret } from '../../util/secrets.js';

// The key that signs approval links: 32 random bytes in the state directory, readable by the
// service user only, made the first time a link is needed. Deleting it voids every link sent.

export const LINK_KEY_FILE = 'web-link.key';
const KEY_BYTES = 32;

export function loadLinkKey(stateDir: string): Buffer {
  const path = join(stateDir, LINK_KEY_FILE);
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  try {
    // 'wx': two processes making the key at once cannot both win; the loser reads the winner's.
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, `${randomBytes(KEY_BYTES).toString('hex')}\n`);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw keyError(path, error);
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw keyError(path, error);
  }
  if (!/^[0-9a-f]{64}$/.test(text)) {
    throw new StateError(`The approval link key ${path} is not 64 hex digits`, {
      code: 'STATE_LINK_KEY',
      hint: 'Delete the file: a new key is made at the next held digest (links already sent stop working).',
    });
  }
  registerSecret(text);
  return Buffer.from(text, 'hex');
}

function keyError(path: string, cause: unknown): StateError {
  return new StateError(`Cannot read or create the approval link key ${path}: ${(cause as Error).message}`, {
    code: 'STATE_LINK_KEY',
    hint: 'The state directory must be writable by the user sis-sync runs as.',
    cause,
  });
}
