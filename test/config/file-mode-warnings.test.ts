import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { TOKEN_FILE } from '../../src/config/state-files.js';
import { offlineConfigFile } from '../helpers/cli-setup.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeFile } from '../helpers/temp.js';

// Files others may read (secrets) or change (the config, which names code to run) warn: in
// loaded.warnings, which every command logs as config.warning and `config check` prints.

function secretFile(mode: number): string {
  const path = writeFile(tempDir(), 'aspiredu-token', 'tok-from-file\n');
  chmodSync(path, mode);
  return path;
}

describe('file modes', () => {
  it('warn about a *_FILE secret other users may read, without repeating it', () => {
    const loose = loadConfig({ env: { SIS_SYNC_ASPIREDU_TOKEN_FILE: secretFile(0o644) } });
    expect(loose.warnings).toHaveLength(1);
    expect(loose.warnings[0]).toMatch(
      /secret file for aspiredu\.token \(SIS_SYNC_ASPIREDU_TOKEN_FILE\) .* may be read by other users \(mode 644\): chmod 600/,
    );
    expect(loose.warnings[0]).not.toContain('tok-from-file');
    expect(loadConfig({ env: { SIS_SYNC_ASPIREDU_TOKEN_FILE: secretFile(0o600) } }).warnings).toEqual([]);
  });

  it('warn about a systemd credential other users may read', () => {
    const dir = tempDir();
    const path = writeFile(dir, 'notify.smtpPassword', 'pw\n');
    chmodSync(path, 0o640);
    const { warnings } = loadConfig({ env: { CREDENTIALS_DIRECTORY: dir } });
    expect(warnings.join('\n')).toMatch(/notify\.smtpPassword \(systemd credential\) .* \(mode 640\)/);
  });

  it('warn about a config file the group or other users may change', () => {
    for (const mode of [0o664, 0o646]) {
      const file = writeFile(tempDir(), 'sis-sync.json', '{}');
      chmodSync(file, mode);
      expect(loadConfig({ file, env: {} }).warnings.join('\n')).toMatch(/may be changed by other users .*mapping\.module.*chmod go-w/);
    }
    const file = writeFile(tempDir(), 'sis-sync.json', '{}');
    chmodSync(file, 0o644);
    expect(loadConfig({ file, env: {} }).warnings).toEqual([]);
  });

  it('warn about a cached PowerSchool token other users may read', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'state'));
    chmodSync(writeFile(join(dir, 'state'), TOKEN_FILE, '{}'), 0o644);
    const { warnings } = loadConfig({ env: { SIS_SYNC_STATE_DIR: join(dir, 'state') } });
    expect(warnings.join('\n')).toMatch(/powerschool-token\.json \(the cached PowerSchool token\) may be read by other users \(mode 644\)/);
  });

  it('config check prints them; other commands log them as config.warning', async () => {
    const dir = tempDir();
    writeFile(dir, 'students.csv', 'dashboard_name,student_sis_id\nA,s1\n');
    const file = offlineConfigFile(dir);
    chmodSync(file, 0o666);
    const env = { SIS_SYNC_CONFIG: file, SIS_SYNC_ASPIREDU_TOKEN_FILE: secretFile(0o644) };
    const result = await runCli(['config', 'check'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^warning: .*sis-sync\.json may be changed by other users \(mode 666\)/m);
    expect(result.stdout).toMatch(/^warning: The secret file for aspiredu\.token .* \(mode 644\)/m);
    const status = await runCli(['status'], env);
    const events = status.stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { event?: string; warning?: string });
    expect(events.filter((e) => e.event === 'config.warning')).toHaveLength(2);
  });
});
