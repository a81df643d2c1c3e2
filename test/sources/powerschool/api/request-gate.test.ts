import { afterEach, describe, expect, it } from 'vitest';
import type { PowerSchoolSim } from '../../../../src/sim/powerschool/server.js';
import { RequestGate } from '../../../../src/sources/powerschool/api/request-gate.js';
import type { Clock } from '../../../../src/util/clock.js';
import { psSetup, startPsSim } from '../../../helpers/powerschool.js';

// The minimum interval between requests and the concurrency limit, on a clock the test controls
// and then against a simulator that refuses requests which come too fast.

let sim: PowerSchoolSim;
afterEach(async () => {
  await sim?.close();
});

/**
 * Time that moves only when every waiter is asleep: the earliest sleeper wakes, and so on.
 * `lateBy[n]` makes the n-th sleep (from 0) wake that much later than asked, as a timer does
 * on a busy event loop.
 */
function virtualClock(lateBy: Record<number, number> = {}): Clock & { sleeps: number[]; run<T>(work: Promise<T>): Promise<T> } {
  let now = 1_000;
  const timers: Array<{ at: number; wake: () => void }> = [];
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: (ms) =>
      new Promise<void>((wake) => {
        timers.push({ at: now + ms + (lateBy[sleeps.length] ?? 0), wake });
        sleeps.push(ms);
      }),
    async run(work) {
      let done = false;
      void work.finally(() => (done = true)).catch(() => undefined);
      while (!done) {
        await new Promise((r) => setImmediate(r));
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (!next) continue;
        now = next.at;
        next.wake();
      }
      return work;
    },
  };
}

describe('RequestGate', () => {
  it('spaces request starts by the minimum interval, even when they are asked for at once', async () => {
    const clock = virtualClock();
    const gate = new RequestGate({ concurrency: 4, minIntervalMs: 250, clock });
    const starts: number[] = [];
    await clock.run(Promise.all(Array.from({ length: 4 }, () => gate.run(async () => starts.push(clock.now())))));
    expect(starts.sort((a, b) => a - b)).toEqual([1000, 1250, 1500, 1750]);
  });

  it('keeps the interval after a timer that fired late, from the start actually made', async () => {
    // The second start was due at 1250 but its timer fired at 1490; the third, due at 1500,
    // must not follow 10 ms later.
    const clock = virtualClock({ 0: 240 });
    const gate = new RequestGate({ concurrency: 4, minIntervalMs: 250, clock });
    const starts: number[] = [];
    await clock.run(Promise.all(Array.from({ length: 3 }, () => gate.run(async () => starts.push(clock.now())))));
    expect(starts.sort((a, b) => a - b)).toEqual([1000, 1490, 1740]);
  });

  it('does not wait at all without a minimum interval', async () => {
    const clock = virtualClock();
    const gate = new RequestGate({ concurrency: 2, minIntervalMs: 0, clock });
    await Promise.all([gate.run(async () => 1), gate.run(async () => 2)]);
    expect(clock.sleeps).toEqual([]);
  });

  it('keeps no more than `concurrency` attempts running', async () => {
    const gate = new RequestGate({ concurrency: 2, minIntervalMs: 0, clock: virtualClock() });
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        gate.run(async () => {
          most = Math.max(most, ++running);
          await new Promise((r) => setTimeout(r, 5));
          running--;
        }),
      ),
    );
    expect(most).toBe(2);
  });
});

describe('minimum request interval against the simulator', () => {
  it('refuses a request that comes sooner than its interval after the previous one', async () => {
    sim = await startPsSim({ district: false, minRequestIntervalMs: 500 });
    await fetch(`${sim.url}/ws/v1/metadata`);
    const second = await fetch(`${sim.url}/ws/v1/metadata`);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('1');
  });

  it('is never refused when powerschool.minRequestIntervalSeconds is set to the server limit', async () => {
    sim = await startPsSim({ district: { today: '2024-10-01', students: 90 }, maxPageSize: 100 });
    // The server refuses requests less than 15 ms apart; sis-sync spaces them 60 ms, which leaves
    // room for the event loop to send one late without the next one catching up with it.
    sim.live.minRequestIntervalMs = 15;
    await psSetup(sim, { minRequestIntervalSeconds: 0.06, concurrency: 3 }).reader().read();
    expect(sim.requests.length).toBeGreaterThan(8);
    expect(sim.requests.filter((r) => r.status === 429)).toEqual([]);
  });
});
