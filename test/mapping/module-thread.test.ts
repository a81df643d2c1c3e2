import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { createRosterMapper } from '../../src/mapping/mapper.js';
import { captureLog } from '../helpers/log-capture.js';
import { mappingSettings, namesOf } from '../helpers/mapping.js';
import { aRoster, aStudent } from '../helpers/roster-builders.js';
import { tempDir, writeFile } from '../helpers/temp.js';

// mapping.module runs in a worker thread with a time limit: a module that never returns is
// stopped with an error naming it and the setting, and the service itself goes on.

const roster = aRoster({ students: [aStudent({ key: '1' })] });

function moduleFile(source: string): string {
  return writeFile(tempDir(), 'rules.mjs', source);
}

async function failure(path: string, timeoutSeconds = 0.5, signal?: AbortSignal): Promise<Error & { code?: string; hint?: string }> {
  const mapper = createRosterMapper(mappingSettings({ module: path, moduleTimeoutSeconds: timeoutSeconds }), silentLogger());
  try {
    await mapper(roster, signal);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the mapping to fail');
}

describe('mapping.module in its own thread', () => {
  it('stops a module that waits for ever, naming the module and mapping.moduleTimeoutSeconds', async () => {
    const path = moduleFile(`export default () => new Promise(() => setInterval(() => {}, 1000));`);
    const error = await failure(path);
    expect(error).toMatchObject({ code: 'MAPPING_MODULE_TIMEOUT' });
    expect(error.message).toBe(`mapping.module ${path} did not finish within 0.5 seconds (mapping.moduleTimeoutSeconds); it was stopped`);
    expect(error.hint).toContain('raise mapping.moduleTimeoutSeconds');
  });

  it('stops a busy loop, which would freeze the whole service if it ran beside it', async () => {
    const path = moduleFile(`export default () => { for (;;) {} };`);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    try {
      expect(await failure(path)).toMatchObject({ code: 'MAPPING_MODULE_TIMEOUT' });
    } finally {
      clearInterval(ticker);
    }
    // The event loop of the service went on while the module looped.
    expect(ticks).toBeGreaterThan(0);
  });

  it('stops a module whose top level never ends, too', async () => {
    const path = moduleFile(`await new Promise((r) => setInterval(() => {}, 1000)); export default () => ({});`);
    expect(await failure(path)).toMatchObject({ code: 'MAPPING_MODULE_TIMEOUT' });
  });

  it('says so at once when the promise can never settle because nothing is left to wait on', async () => {
    const path = moduleFile(`export default () => new Promise(() => {});`);
    const error = await failure(path, 60);
    expect(error).toMatchObject({ code: 'MAPPING_MODULE_NO_ANSWER' });
    expect(error.message).toBe(`mapping.module ${path} never returned: its promise can never settle (nothing was left for it to wait on)`);
  });

  it('is stopped with the run: an aborted signal ends the thread with the abort reason', async () => {
    const path = moduleFile(`export default () => { for (;;) {} };`);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stopped by SIGTERM')), 100);
    expect((await failure(path, 60, controller.signal)).message).toBe('stopped by SIGTERM');
  });

  it('reports an exception thrown later, outside the call, and an output that is not plain data', async () => {
    const later = await failure(
      moduleFile(`export default () => new Promise(() => setTimeout(() => { throw new Error('late'); }, 10));`),
      60,
    );
    expect(later).toMatchObject({ code: 'MAPPING_MODULE_FAILED', message: 'mapping.module rules.mjs failed: late' });
    const fn = await failure(moduleFile(`export default () => ({ students: [{ dashboard_name: () => 'A', student_sis_id: '1' }] });`), 60);
    expect(fn).toMatchObject({ code: 'MAPPING_MODULE_BAD_OUTPUT' });
    expect(fn.message).toMatch(/^mapping\.module rules\.mjs returned something that is not plain data \(.+could not be cloned/);
  });

  it('logs what the module prints, and keeps it off stdout (where --json goes)', async () => {
    const captured = captureLog();
    const path = moduleFile(
      `export default (r) => { console.log('students:', r.students.length); console.error('careful'); return { students: [{ dashboard_name: 'A', student_sis_id: '1' }] }; };`,
    );
    const result = await createRosterMapper(mappingSettings({ module: path }), captured.log)(roster);
    expect(namesOf(result)).toEqual(['A']);
    const output = captured.entries().filter((e) => e.event === 'mapping.module_output');
    // Two streams: their lines may interleave either way.
    expect(output.map((e) => [e.stream, e.line, e.module]).sort()).toEqual([
      ['stderr', 'careful', path],
      ['stdout', 'students: 1', path],
    ]);
  });
});
