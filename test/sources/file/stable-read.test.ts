import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { createSource } from '../../../src/app/wiring.js';
import { loadConfig } from '../../../src/config/load.js';
import { silentLogger } from '../../../src/log/logger.js';
import { FileSource } from '../../../src/sources/file/file-source.js';
import { readRowsFile } from '../../../src/sources/file/read-rows.js';
import { stableReadSeam } from '../../../src/sources/file/read-stable.js';
import { membersToJson } from '../../../src/desired/model.js';
import type { SourceResult } from '../../../src/desired/ports.js';
import { tempDir, writeFile } from '../../helpers/temp.js';

// The export rewrites a rows file in place while sis-sync reads it: a real writer process writes
// the file in two parts, and the test seam holds the read between the bytes and the second look
// at the file until the writer has finished, so that the race happens every time.

afterEach(() => {
  delete stableReadSeam.afterRead;
});

/** Rewrites `path` in place: truncates, writes `first`, says "half", waits for a line, writes `rest`. */
const WRITER = `
const fs = require('node:fs');
const [path, first, rest] = process.argv.slice(1);
const fd = fs.openSync(path, 'w');
fs.writeSync(fd, first);
process.stdout.write('half\\n');
process.stdin.once('data', () => { fs.writeSync(fd, rest); fs.closeSync(fd); process.exit(0); });
`;

function startWriter(path: string, first: string, rest: string) {
  const child = spawn(process.execPath, ['-e', WRITER, path, first, rest], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const half = new Promise<void>((resolve) => createInterface({ input: child.stdout }).once('line', () => resolve()));
  return { child, exited, half, finish: async () => (child.stdin.write('go\n'), exited) };
}

function dashboards(result: SourceResult): Record<string, Array<[string, boolean]>> {
  return Object.fromEntries([...result.desired.values()].map((d) => [d.name, membersToJson(d.members)]));
}

describe('a rows file rewritten while it is read', () => {
  it('is read again once the writer is done, so no student lands on the wrong dashboard', async () => {
    const students = writeFile(tempDir(), 'students.csv', 'dashboard_name,student_sis_id\nOld,s9\n');
    const fresh = 'dashboard_name,student_sis_id\nAlgebra,s1\nBiology,s10\n';
    const cut = fresh.indexOf('s10') + 2; // "Biology,s1": half a line that reads as another student
    const writer = startWriter(students, fresh.slice(0, cut), fresh.slice(cut));
    try {
      await writer.half;
      const attempts: number[] = [];
      stableReadSeam.afterRead = async (_path, attempt) => {
        attempts.push(attempt);
        if (attempt === 1) await writer.finish();
      };
      const result = await new FileSource({ students, viewers: '', account: '', allowEmpty: false }).load();
      expect(dashboards(result)).toEqual({ Algebra: [['s1', false]], Biology: [['s10', false]] });
      expect(attempts).toEqual([1, 2]);
    } finally {
      writer.child.kill();
    }
  });

  it('is refused, naming the file and advising write-then-rename, when it keeps changing', async () => {
    const students = writeFile(tempDir(), 'students.csv', 'dashboard_name,student_sis_id\nA,s1\n');
    stableReadSeam.afterRead = async (path, attempt) => appendFileSync(path, `A,s${attempt + 1}\n`);
    const error = (await readRowsFile(students, 'student').then(
      () => new Error('expected a refusal'),
      (e: unknown) => e,
    )) as Error & { hint?: string };
    expect(error).toMatchObject({ code: 'SOURCE_FILE_CHANGING' });
    expect(error.message).toContain(`Rows file ${students} changed while it was read, 4 times in a row; nothing was uploaded`);
    expect(error.hint).toMatch(/write a temporary file in the same directory and rename it over students\.csv/);
  });
});

describe('what a rows file may be', () => {
  it('refuses a FIFO at once instead of waiting for a writer forever', async () => {
    const fifo = join(tempDir(), 'students.csv');
    execFileSync('mkfifo', [fifo]);
    await expect(readRowsFile(fifo, 'student')).rejects.toMatchObject({
      code: 'SOURCE_NOT_A_FILE',
      message: `Rows file ${fifo} is a named pipe (FIFO), not a regular file; refusing to read it`,
    });
  });

  it('refuses a device such as /dev/zero, and a directory', async () => {
    await expect(readRowsFile('/dev/zero', 'student')).rejects.toThrow(/Rows file \/dev\/zero is a device, not a regular file/);
    await expect(readRowsFile(tempDir(), 'student')).rejects.toThrow(/is a directory, not a regular file/);
  });

  it('reads a regular file through a symbolic link', async () => {
    const dir = tempDir();
    const target = writeFile(dir, 'export.csv', 'dashboard_name,student_sis_id\nA,s1\n');
    symlinkSync(target, join(dir, 'students.csv'));
    expect((await readRowsFile(join(dir, 'students.csv'), 'student')).rows).toHaveLength(1);
  });

  it('refuses a file larger than source.files.maxBytes, naming the file, its size and the setting', async () => {
    const dir = tempDir();
    const students = writeFile(dir, 'students.csv', `dashboard_name,student_sis_id\n${'A,s1\n'.repeat(40)}`);
    const settings = loadConfig({ env: { SIS_SYNC_SOURCE_FILES_STUDENTS: students, SIS_SYNC_SOURCE_FILES_MAX_BYTES: '100' } }).settings;
    expect(settings.source.files.maxBytes).toBe(100);
    await expect(createSource(settings, silentLogger()).load()).rejects.toMatchObject({
      code: 'SOURCE_FILE_TOO_LARGE',
      message: `Rows file ${students} is 230 bytes, more than source.files.maxBytes (100)`,
    });
    expect(loadConfig({ env: {} }).settings.source.files.maxBytes).toBe(512 * 1024 * 1024);
  });
});
