import { afterEach, describe, expect, it } from 'vitest';
import { runCycle } from '../../src/app/run-cycle.js';
import { RunTimeoutError } from '../../src/errors.js';
import type { MembershipSource, SourceResult } from '../../src/desired/ports.js';
import { createHarness, type Harness } from '../helpers/harness.js';

// A run whose step ignores the stop request is given up on after the grace period: recorded as
// failed (never left "running"), and a late end of that step cannot change the record.

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('runCycle past sync.runTimeoutMinutes', () => {
  it('records a run that does not stop when told as failed, and the step waking later changes nothing', async () => {
    h = await createHarness({ students: ['s1'], config: { sync: { runTimeoutMinutes: 0.002 } } });
    let wakeUp: (value: SourceResult) => void = () => undefined;
    const deaf: MembershipSource = {
      description: 'a source that ignores signals',
      load: () => new Promise((resolve) => (wakeUp = resolve)),
    };
    const result = await runCycle({
      settings: h.settings,
      store: h.store,
      log: h.captured.log,
      trigger: 'test',
      source: deaf,
      runStopGraceMs: 20,
    });
    expect(result).toMatchObject({ kind: 'error', error: expect.any(RunTimeoutError) });
    const [run] = h.store.runs.recent(1);
    expect(run).toMatchObject({ outcome: 'failed', error: expect.stringContaining('sync.runTimeoutMinutes (0.002 minutes)') });
    expect(h.captured.entries().find((e) => e.event === 'run.timed_out')).toMatchObject({ abandoned: true, runId: run?.id });

    // The step ends late with nothing to change: the run would otherwise finish as a success.
    wakeUp({ desired: new Map(), dataTypes: ['student'], warnings: [], stats: {} });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.store.runs.recent(1)[0]).toMatchObject({ outcome: 'failed', error: expect.stringContaining('sync.runTimeoutMinutes') });
  });
});
