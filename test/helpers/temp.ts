import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

/** A fresh directory, removed after the test. */
export function tempDir(prefix = 'sis-sync-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** CSV rows for a students file: [dashboard, sis id] pairs. */
export function studentsCsv(rows: Array<[string, string]>): string {
  return ['dashboard_name,student_sis_id', ...rows.map(([d, id]) => `${csvCell(d)},${csvCell(id)}`)].join('\n') + '\n';
}

/** CSV rows for a viewers file: [dashboard, sis id, ally]. */
export function viewersCsv(rows: Array<[string, string, boolean]>): string {
  return (
    ['dashboard_name,viewer_sis_id,viewer_is_ally', ...rows.map(([d, id, ally]) => `${csvCell(d)},${csvCell(id)},${ally}`)].join('\n') +
    '\n'
  );
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
