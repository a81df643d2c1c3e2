import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors.js';
import { createLogger } from '../../src/log/logger.js';
import { errorSerializerFor } from '../../src/log/terminal-errors.js';
import { BIN, runCli } from '../helpers/cli.js';
import { cliSetup } from '../helpers/cli-setup.js';

// A failed run at a terminal shows the message and the hint, not a stack trace; the JSON log
// (stderr not a terminal) keeps the stack. A bug (an error sis-sync did not expect) keeps its
// stack everywhere: the bug report needs it.

const expected = new SourceError('students.csv has 1 bad row', { code: 'SOURCE_BAD_ROWS', hint: 'Fix the row.' });

function written(pretty: boolean, error: Error): string {
  let text = '';
  const destination = new PassThrough();
  destination.on('data', (chunk: Buffer) => (text += chunk.toString()));
  createLogger({ pretty, destination }).error({ event: 'run.failed', err: error }, 'Run failed');
  return text;
}

describe('errors in the log', () => {
  it('at a terminal: message, code and hint of an expected error, without the stack', () => {
    const serialized = errorSerializerFor(true)(expected);
    expect(serialized).not.toHaveProperty('stack');
    expect(serialized).toMatchObject({
      type: 'SourceError',
      name: 'SourceError',
      message: 'students.csv has 1 bad row',
      kind: 'source',
      code: 'SOURCE_BAD_ROWS',
      hint: 'Fix the row.',
    });
    const text = written(true, expected);
    expect(text).toContain('students.csv has 1 bad row');
    expect(text).toContain('Fix the row.');
    expect(text).not.toContain('terminal-errors.test.ts');
  });

  it('keeps the stack in the JSON log, and at a terminal for an error nobody expected', () => {
    expect(JSON.parse(written(false, expected)).err.stack).toContain('terminal-errors.test.ts');
    expect(written(true, new TypeError("Cannot read properties of undefined (reading 'x')"))).toContain('terminal-errors.test.ts');
  });
});

describe('a failed run through the CLI', () => {
  async function failingSetup() {
    const setup = await cliSetup({ students: [['A', '']] });
    return setup.env;
  }

  it('piped: the JSON log line of the failure carries the stack', async () => {
    const result = await runCli(['once'], await failingSetup());
    expect(result.code).toBe(1);
    const failed = result.stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { event?: string; err?: { stack?: string } })
      .find((e) => e.event === 'run.failed');
    expect(failed?.err?.stack).toMatch(/^SourceError: [^]*\n\s+at /);
  });

  // `script` (util-linux) gives the CLI a real pseudo-terminal, as a person's shell would.
  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('at a terminal: the message and the hint, no stack trace', async () => {
    const env = await failingSetup();
    const result = spawnSync('script', ['-qec', `"${process.execPath}" "${BIN}" once`, '/dev/null'], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
    });
    expect(result.stdout).toContain('field student_sis_id: must not be empty');
    expect(result.stdout).toContain('→ Fix the rows named above and run again.');
    expect(result.stdout).not.toMatch(/\n\s+at /);
  });
});
