import { describe, expect, it } from 'vitest';
import { offlineConfigFile } from '../helpers/cli-setup.js';
import { runCli } from '../helpers/cli.js';
import { studentsCsv, tempDir, viewersCsv, writeFile } from '../helpers/temp.js';

// The plan options through the real command line (commander parsing, exit codes). A rows-file
// source: plan talks to no server.

function setup() {
  const dir = tempDir();
  writeFile(
    dir,
    'students.csv',
    studentsCsv([
      ['Algebra – Période 1', 's1'],
      ['Algebra – Période 1', 's2'],
      ['B', 's3'],
    ]),
  );
  writeFile(dir, 'viewers.csv', viewersCsv([['Algebra – Période 1', 't1', false]]));
  return { SIS_SYNC_CONFIG: offlineConfigFile(dir, { viewers: true }) };
}

describe('sis-sync plan options', () => {
  it('--names caps the people listed per dashboard; --explain shows one dashboard; an unknown one exits 2', async () => {
    const env = setup();
    const capped = await runCli(['plan', '--names', '1'], env);
    expect(capped.code).toBe(0);
    expect(capped.stdout).toContain(
      'student dashboard "Algebra – Période 1" (create):\n  + s1\n  … and 1 more (sis-sync plan --explain "Algebra – Période 1" lists everyone)',
    );
    const explained = await runCli(['plan', '--explain', 'Algebra – Période 1'], env);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain('Dashboard "Algebra – Période 1"\n  next run, students: create, +2 −0 (0 → 2)');
    const unknown = await runCli(['plan', '--explain', 'algebra'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('error: No dashboard is named "algebra"');
    expect(unknown.stderr).toContain('Similar: "Algebra – Période 1"');
  });
});
