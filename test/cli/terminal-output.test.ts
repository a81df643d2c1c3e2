import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { cliSetup } from '../helpers/cli-setup.js';
import { writeFile } from '../helpers/temp.js';

// What a person at a terminal sees from the real CLI, and what a pipe gets. The terminal is
// forced with SIS_SYNC_LOG_FORMAT=quiet (the child's stderr is a pipe here).

async function setup(config: Record<string, unknown> = {}) {
  return cliSetup({
    sim: { processingDelayMs: 30, students: [{ sisId: 's1' }] },
    students: [
      ['A', 's1'],
      ['A', 's2'],
    ],
    config,
  });
}

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('logs on a terminal and off it', () => {
  it('on a terminal: the report, progress while an upload is waited for, and no log blocks', async () => {
    const { env } = await setup({ aspiredu: { pollIntervalSeconds: 0.02 } });
    const result = await runCli(['once'], { ...env, SIS_SYNC_LOG_FORMAT: 'quiet' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Run 1: done');
    expect(result.stderr).not.toContain('{');
    expect(result.stderr).not.toContain('Run started');
    expect(result.stderr).toMatch(
      /Waiting for AspirEDU to process student upload [0-9a-f-]+ \(1 dashboards\): waited 0:0\d, next poll in 0:0\d/,
    );
    // The user AspirEDU does not know is in the report once, not in a log line too.
    expect(`${result.stdout}${result.stderr}`.match(/s2/g)).toHaveLength(1);
  });

  it('on a terminal: a warning the report does not say is one short line', async () => {
    const { env, dir, configFile } = await setup();
    const withToken = {
      ...JSON.parse(readFileSync(configFile, 'utf8')),
      aspiredu: { ...JSON.parse(readFileSync(configFile, 'utf8')).aspiredu, token: env.SIS_SYNC_ASPIREDU_TOKEN },
    };
    const file = writeFile(dir, 'with-token.json', JSON.stringify(withToken));
    const result = await runCli(['--config', file, 'status'], { SIS_SYNC_LOG_FORMAT: 'quiet' });
    expect(result.code).toBe(0);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^warning: Configuration warning: .*with-token\.json holds aspiredu\.token in plain text/),
    ]);
  });

  it('off a terminal: every event as a JSON line, and no progress', async () => {
    const { env } = await setup({ aspiredu: { pollIntervalSeconds: 0.02 } });
    const result = await runCli(['once'], env);
    expect(result.code).toBe(0);
    const events = jsonLines(result.stderr).map((entry) => entry.event);
    expect(events).toEqual(expect.arrayContaining(['run.started', 'source.loaded', 'plan.computed', 'upload.finished', 'run.finished']));
    expect(result.stderr).not.toContain('Waiting for AspirEDU');
  });

  it('--verbose on a terminal, or --log-format pretty, shows every event for a person', async () => {
    const { env } = await setup();
    const result = await runCli(['--log-format', 'pretty', 'once'], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Run started');
    expect(result.stderr).not.toContain('"event":"run.started"');
  });

  it('says which values SIS_SYNC_LOG_FORMAT takes', async () => {
    const { env } = await setup();
    const result = await runCli(['status'], { ...env, SIS_SYNC_LOG_FORMAT: 'fancy' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SIS_SYNC_LOG_FORMAT must be one of json, pretty, quiet, got "fancy"');
  });
});

describe('--version and --help', () => {
  it('prints the version of package.json', async () => {
    const version = (JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });

  it('groups the commands', async () => {
    const result = await runCli(['--help']);
    const headings = result.stdout.split('\n').filter((line) => /^[A-Z][^:]*:$/.test(line));
    expect(headings).toEqual([
      'Options:',
      'Daily use:',
      'Investigation:',
      'Safety (held runs, undo):',
      'Setup:',
      'Service:',
      'Demo and simulators:',
      'Commands:',
    ]);
    expect(result.stdout).toMatch(/Daily use:\n {2}once[^]*plan[^]*status[^]*missing[^]*check[^]*\n\nInvestigation:/);
  });
});

describe('what `once` loads', () => {
  it('loads no simulator and no mail catcher', async () => {
    const { env, dir } = await setup();
    const moduleLog = join(dir, 'modules.txt');
    const hooks = resolve(import.meta.dirname, '../helpers/module-log/register.mjs');
    const result = await runCli(['once'], { ...env, SIS_SYNC_TEST_MODULE_LOG: moduleLog }, ['--import', hooks]);
    expect(result.code).toBe(0);
    const loaded = readFileSync(moduleLog, 'utf8').split('\n');
    expect(loaded.some((url) => url.includes('/dist/cli/program.js'))).toBe(true);
    // The catalog only names the simulators, for --help; each one's server is imported when it starts.
    expect(loaded.filter((url) => /\/dist\/sim\//.test(url) && !/\/dist\/sim\/(catalog|demo-paths)\.js$/.test(url))).toEqual([]);
    expect(loaded.filter((url) => /smtp-server|mail-sink|commands\/demo/.test(url))).toEqual([]);
  });
});
