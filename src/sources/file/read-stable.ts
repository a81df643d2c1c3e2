import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SourceError } from '../../errors.js';

// Reads a rows file whole and unchanged. An export that rewrites the file in place while it is
// read hands over half a file: a cut line can put a student on the wrong dashboard. So the file
// is stat'ed before and after the read; if its size, mtime, inode or device moved, or fewer or
// more bytes came than it had, it is read again after a pause, and refused after a few tries.
// Only regular files are read: a FIFO would block the run forever and /dev/zero never ends.

export const DEFAULT_MAX_ROWS_FILE_BYTES = 512 * 1024 * 1024;

const ATTEMPTS = 4;
const PAUSE_MS = 500;
const CHUNK_BYTES = 1024 * 1024;

/** Test-only seam: runs after the bytes are read and before the file is looked at again. */
export const stableReadSeam: { afterRead?: (path: string, attempt: number) => Promise<void> } = {};

export interface StableReadOptions {
  /** source.files.maxBytes */
  maxBytes: number;
  pauseMs?: number;
}

export async function readStableFile(path: string, options: StableReadOptions): Promise<Buffer> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const bytes = await readOnce(path, options.maxBytes, attempt);
    if (bytes) return bytes;
    if (attempt < ATTEMPTS) await sleep(options.pauseMs ?? PAUSE_MS);
  }
  throw new SourceError(`Rows file ${path} changed while it was read, ${ATTEMPTS} times in a row; nothing was uploaded`, {
    code: 'SOURCE_FILE_CHANGING',
    hint: `The export seems to rewrite ${basename(path)} in place. Have it write a temporary file in the same directory and rename it over ${basename(path)} when complete (write-then-rename), so that a run never reads half a file.`,
  });
}

/** The file's bytes, or undefined when it changed during the read. */
async function readOnce(path: string, maxBytes: number, attempt: number): Promise<Buffer | undefined> {
  const before = checkedStats(path, await statOrFail(path), maxBytes);
  // O_NONBLOCK: should a FIFO take the file's place after the stat, open() still returns.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: unknown) => {
    throw unreadable(path, error);
  });
  try {
    const opened = checkedStats(path, await handle.stat(), maxBytes);
    if (!sameVersion(before, opened)) return undefined;
    const bytes = await readUpTo(handle, maxBytes + 1);
    await stableReadSeam.afterRead?.(path, attempt);
    const after = await statOrFail(path);
    const stillOpen = await handle.stat();
    if (bytes.length > maxBytes) throw tooLarge(path, bytes.length, maxBytes, 'at least ');
    const unchanged = sameVersion(before, after) && sameVersion(before, stillOpen) && bytes.length === before.size;
    return unchanged ? bytes : undefined;
  } finally {
    await handle.close();
  }
}

async function readUpTo(handle: Awaited<ReturnType<typeof open>>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limit - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}

function sameVersion(a: Stats, b: Stats): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino && a.dev === b.dev;
}

function checkedStats(path: string, stats: Stats, maxBytes: number): Stats {
  if (!stats.isFile()) {
    throw new SourceError(`Rows file ${path} is ${kindOf(stats)}, not a regular file; refusing to read it`, {
      code: 'SOURCE_NOT_A_FILE',
      hint: 'Point source.files.students and source.files.viewers at files the export writes (a symbolic link to one is fine).',
    });
  }
  if (stats.size > maxBytes) throw tooLarge(path, stats.size, maxBytes, '');
  return stats;
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

function tooLarge(path: string, size: number, maxBytes: number, atLeast: string): SourceError {
  return new SourceError(`Rows file ${path} is ${atLeast}${size} bytes, more than source.files.maxBytes (${maxBytes})`, {
    code: 'SOURCE_FILE_TOO_LARGE',
    hint: 'A rows file this large is usually a broken export. If it is right, raise source.files.maxBytes.',
  });
}

async function statOrFail(path: string): Promise<Stats> {
  try {
    return await stat(path);
  } catch (error) {
    throw unreadable(path, error);
  }
}

function unreadable(path: string, error: unknown): SourceError {
  return new SourceError(`Cannot read rows file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
    code: 'SOURCE_FILE_UNREADABLE',
    hint: `Check that ${basename(path)} exists and that the service user may read it.`,
    cause: error,
  });
}
