import { afterEach, describe, expect, it } from 'vitest';
import { createSyncRunner } from '../../src/app/wiring.js';
import { createLogger } from '../../src/log/logger.js';
import { createHarness, type Harness } from '../helpers/harness.js';

// A stop request reaches the engine: nothing new is sent once the signal has aborted, and the
// run is recorded as interrupted.

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('runSync with an aborted signal', () => {
  it('reads nothing, uploads nothing, and records the run as interrupted', async () => {
    h = await createHarness({ students: ['s1'] });
    h.writeStudents([['A', 's1']]);
    const runner = createSyncRunner(h.settings, h.store, h.captured.log);
    const controller = new AbortController();
    controller.abort(new Error('stopping'));
    await expect(runner.run('test', controller.signal)).rejects.toThrow('stopping');
    await runner.close();
    expect(h.uploadPosts()).toBe(0);
    expect(h.store.runs.recent(1)[0]?.outcome).toBe('interrupted');
    expect(h.captured.events()).toContain('run.interrupted');
  });

  it('sends no further upload once aborted between two uploads', async () => {
    h = await createHarness({ students: ['s1'], viewers: ['t1'] });
    const harness = h;
    harness.writeStudents([['A', 's1']]);
    harness.writeViewers([['A', 't1', false]]);
    const controller = new AbortController();
    // Abort the moment the first upload is recorded as ended (students and viewers go in
    // separate uploads), as a SIGTERM arriving then would.
    const log = createLogger({
      level: 'info',
      pretty: false,
      destination: {
        write: (line: string) => {
          if (line.includes('"event":"upload.finished"')) controller.abort(new Error('stopping'));
          return true;
        },
      } as unknown as NodeJS.WritableStream,
    });
    const runner = createSyncRunner(harness.settings, harness.store, log);
    await expect(runner.run('test', controller.signal)).rejects.toThrow('stopping');
    await runner.close();
    expect(harness.uploadPosts()).toBe(1);
  });
});
