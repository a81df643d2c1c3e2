import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, requireSettings } from '../../src/config/load.js';
import { envNameFor } from '../../src/config/schema.js';
import { tempDir, writeFile } from '../helpers/temp.js';

function configFile(content: unknown): { dir: string; file: string } {
  const dir = tempDir();
  return { dir, file: writeFile(dir, 'sis-sync.json', typeof content === 'string' ? content : JSON.stringify(content)) };
}

describe('loadConfig', () => {
  it('derives environment names from key paths', () => {
    expect(envNameFor('aspiredu.pollIntervalSeconds')).toBe('SIS_SYNC_ASPIREDU_POLL_INTERVAL_SECONDS');
    expect(envNameFor('allowInsecureHttp')).toBe('SIS_SYNC_ALLOW_INSECURE_HTTP');
  });

  it('reads a JSON file with comments, and lets the environment win', () => {
    const { file } = configFile('// district settings\n{ "aspiredu": { "url": "https://a.example", "pollIntervalSeconds": 90 } }');
    const { settings } = loadConfig({ file, env: { SIS_SYNC_ASPIREDU_POLL_INTERVAL_SECONDS: '30' } });
    expect(settings.aspiredu.url).toBe('https://a.example');
    expect(settings.aspiredu.pollIntervalSeconds).toBe(30);
  });

  it('finds the file through SIS_SYNC_CONFIG', () => {
    const { file } = configFile({ aspiredu: { account: 'north' } });
    expect(loadConfig({ env: { SIS_SYNC_CONFIG: file } }).settings.aspiredu.account).toBe('north');
  });

  it('resolves relative paths against the config file, and environment paths against the working directory', () => {
    const { dir, file } = configFile({ source: { files: { students: 'rows/students.csv' } } });
    const fromFile = loadConfig({ file, env: {} }).settings;
    expect(fromFile.source.files.students).toBe(join(dir, 'rows/students.csv'));
    const fromEnv = loadConfig({ file, env: { SIS_SYNC_SOURCE_FILES_STUDENTS: 'x.csv' }, cwd: '/srv' }).settings;
    expect(fromEnv.source.files.students).toBe('/srv/x.csv');
  });

  it('names the key and what it expects for a bad value', () => {
    const { file } = configFile({ sync: { maxRowsPerUpload: 0 } });
    expect(() => loadConfig({ file, env: {} })).toThrow(/sync\.maxRowsPerUpload: must be a whole number, 1 or more/);
    try {
      loadConfig({ file, env: {} });
    } catch (error) {
      expect(error).toMatchObject({ kind: 'config', key: 'sync.maxRowsPerUpload', code: 'CONFIG_INVALID' });
    }
  });

  it('rejects unknown keys (typos)', () => {
    const { file } = configFile({ aspiredu: { pollIntervalSecs: 5 } });
    expect(() => loadConfig({ file, env: {} })).toThrow(/aspiredu\.pollIntervalSecs' not declared/);
  });

  it('says where a syntax error is', () => {
    const { file } = configFile('{ "aspiredu": { "url": } }');
    expect(() => loadConfig({ file, env: {} })).toThrow(/is not valid JSON: JSON5: invalid character .* at 1:24/);
  });

  it('says when the file is missing', () => {
    expect(() => loadConfig({ file: '/nonexistent/sis-sync.json', env: {} })).toThrow(
      /Config file not found: \/nonexistent\/sis-sync\.json/,
    );
  });

  it('refuses http:// unless allowInsecureHttp is set', () => {
    const { file } = configFile({ aspiredu: { url: 'http://aspiredu.example' } });
    expect(() => loadConfig({ file, env: {} })).toThrow(/aspiredu\.url uses http:\/\//);
    expect(loadConfig({ file, env: { SIS_SYNC_ALLOW_INSECURE_HTTP: 'true' } }).settings.aspiredu.url).toBe('http://aspiredu.example');
  });

  it('reads a secret from a *_FILE variable, trimming one trailing newline', () => {
    const dir = tempDir();
    const secret = writeFile(dir, 'token', 'from-file-token\n');
    expect(loadConfig({ env: { SIS_SYNC_ASPIREDU_TOKEN_FILE: secret } }).settings.aspiredu.token).toBe('from-file-token');
  });

  it('refuses a secret given both directly and as a file', () => {
    const secret = writeFile(tempDir(), 'token', 'x-token');
    expect(() => loadConfig({ env: { SIS_SYNC_ASPIREDU_TOKEN_FILE: secret, SIS_SYNC_ASPIREDU_TOKEN: 'y-token' } })).toThrow(
      /Both SIS_SYNC_ASPIREDU_TOKEN and SIS_SYNC_ASPIREDU_TOKEN_FILE/,
    );
  });

  it('reads a secret from the systemd credentials directory', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'creds'));
    writeFile(join(dir, 'creds'), 'aspiredu.token', 'credential-token');
    expect(loadConfig({ env: { CREDENTIALS_DIRECTORY: join(dir, 'creds') } }).settings.aspiredu.token).toBe('credential-token');
  });

  it('warns about a secret written in a config file others can read, without repeating it', () => {
    const { file } = configFile({ aspiredu: { token: 'plain-text-token' } });
    chmodSync(file, 0o644);
    const loaded = loadConfig({ file, env: {} });
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]).toMatch(/holds aspiredu\.token in plain text and other users may read it \(mode 644\)/);
    expect(loaded.warnings[0]).not.toContain('plain-text-token');
    expect(loaded.masked()).not.toContain('plain-text-token');
  });

  it('requireSettings names what is missing', () => {
    const { settings } = loadConfig({ env: {} });
    expect(() => requireSettings(settings, ['aspiredu.url', 'aspiredu.token'])).toThrow('Missing settings: aspiredu.url, aspiredu.token');
  });
});
