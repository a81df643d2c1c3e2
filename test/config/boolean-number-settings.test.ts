import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { forEachSetting } from '../../src/config/schema.js';
import { tempDir, writeFile } from '../helpers/temp.js';

function load(env: Record<string, string>, fromFile?: unknown) {
  const file = fromFile === undefined ? undefined : writeFile(tempDir(), 'sis-sync.json', JSON.stringify(fromFile));
  return loadConfig({ file, env }).settings;
}

function refusal(env: Record<string, string>, fromFile?: unknown): string {
  try {
    load(env, fromFile);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('boolean settings', () => {
  it.each([
    ['0', false],
    ['no', false],
    ['OFF', false],
    ['False', false],
    ['1', true],
    ['Yes', true],
    ['on', true],
    ['TRUE', true],
  ])('read %j from the environment as %j', (text, expected) => {
    expect(load({ SIS_SYNC_ALLOW_INSECURE_HTTP: text }).allowInsecureHttp).toBe(expected);
    expect(load({ SIS_SYNC_SOURCE_FILES_ALLOW_EMPTY: text }).source.files.allowEmpty).toBe(expected);
  });

  it.each(['', 'maybe', 'enabled', '2'])('refuse %j from the environment, naming the variable', (text) => {
    expect(refusal({ SIS_SYNC_SOURCE_FILES_ALLOW_EMPTY: text })).toMatch(
      /source\.files\.allowEmpty: must be true or false.*\(from SIS_SYNC_SOURCE_FILES_ALLOW_EMPTY\)/,
    );
  });

  it('take JSON booleans in the file, and the same words as text; refuse other text', () => {
    expect(load({}, { allowInsecureHttp: true }).allowInsecureHttp).toBe(true);
    expect(load({}, { allowInsecureHttp: 'no' }).allowInsecureHttp).toBe(false);
    expect(load({}, { schedule: { runOnStart: 'yes' } }).schedule.runOnStart).toBe(true);
    expect(refusal({}, { health: { enabled: 'nope' } })).toMatch(/health\.enabled: must be true or false/);
    expect(refusal({}, { health: { enabled: 1.5 } })).toMatch(/health\.enabled: must be true or false/);
  });

  it('use the one strict format, every one of them', () => {
    const loose: string[] = [];
    forEachSetting((keyPath, leaf) => {
      if (typeof leaf.default === 'boolean' && leaf.format !== 'boolean') loose.push(keyPath);
    });
    expect(loose).toEqual([]);
  });
});

describe('number settings', () => {
  it.each([
    ['SIS_SYNC_ASPIREDU_POLL_INTERVAL_SECONDS', 'aspiredu.pollIntervalSeconds'],
    ['SIS_SYNC_GUARD_MAX_REMOVALS', 'guard.maxRemovals'],
    ['SIS_SYNC_SYNC_MAX_ROWS_PER_UPLOAD', 'sync.maxRowsPerUpload'],
    ['SIS_SYNC_HEALTH_PORT', 'health.port'],
    ['SIS_SYNC_GUARD_MAX_REMOVAL_SHARE', 'guard.maxRemovalShare'],
  ])('refuse hexadecimal in %s', (variable, key) => {
    expect(refusal({ [variable]: '0x10' })).toMatch(new RegExp(`${key.replace('.', '\\.')}: must be .*"0x10" \\(from ${variable}\\)`));
  });

  it('refuse "0x10", exponents, trailing text and empty text, in the environment or the file', () => {
    expect(refusal({ SIS_SYNC_NOTIFY_HEARTBEAT_HOURS: '' })).toMatch(
      /notify\.heartbeatHours: must be .*\(from SIS_SYNC_NOTIFY_HEARTBEAT_HOURS\)/,
    );
    expect(refusal({ SIS_SYNC_GUARD_MAX_REMOVALS: '12abc' })).toMatch(/guard\.maxRemovals/);
    expect(refusal({ SIS_SYNC_HTTP_MAX_RETRIES: '1e3' })).toMatch(/http\.maxRetries/);
    expect(refusal({ SIS_SYNC_POWERSCHOOL_ACTIVE_ENROLL_STATUSES: '0,0x1' })).toMatch(/powerschool\.activeEnrollStatuses/);
    expect(refusal({}, { sync: { maxRowsPerUpload: '0x10' } })).toMatch(/sync\.maxRowsPerUpload: must be a whole number/);
  });

  it('read decimal text', () => {
    const settings = load({
      SIS_SYNC_HTTP_RETRY_MIN_DELAY_SECONDS: '0.25',
      SIS_SYNC_GUARD_MAX_REMOVALS: ' 120 ',
      SIS_SYNC_HEALTH_PORT: '9000',
    });
    expect(settings.http.retryMinDelaySeconds).toBe(0.25);
    expect(settings.guard.maxRemovals).toBe(120);
    expect(settings.health.port).toBe(9000);
    expect(load({}, { sync: { maxRowsPerUpload: '500' } }).sync.maxRowsPerUpload).toBe(500);
  });
});
