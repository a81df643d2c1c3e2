import { afterEach, describe, expect, it } from 'vitest';
import { runCycle } from '../../src/app/run-cycle.js';
import { createHarness, type Harness } from '../helpers/harness.js';

// Every run checks the credentials with a known expiry: warned in the log, handed on for the digest.

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('runCycle credential warnings', () => {
  it('warns about a configured secret that expires soon, whatever the run did', async () => {
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    h = await createHarness({
      students: ['s1'],
      viewers: ['t1'],
      config: { credentials: { expires: [`aspiredu.token=${soon}`, 'other=2999-01-01'] } },
    });
    h.writeStudents([['A', 's1']]);
    h.writeViewers([['A', 't1', false]]);
    const result = await runCycle({ settings: h.settings, store: h.store, log: h.captured.log, trigger: 'test' });
    expect(result.kind).toBe('report');
    expect(result.credentialWarnings.map((w) => w.credential)).toEqual(['aspiredu.token']);
    const logged = h.captured.entries().filter((e) => e.event === 'credential.expiring');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 'warn', credential: 'aspiredu.token', daysLeft: expect.any(Number) });
    expect(h.captured.text()).not.toContain(h.sim.token);
  });
});
