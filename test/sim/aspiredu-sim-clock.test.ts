import { afterEach, describe, expect, it } from 'vitest';
import { startAspirEduSim, type AspirEduSim } from '../../src/sim/aspiredu/server.js';

// The simulator's opt-in clock: uploads end when simulated time says so, seen by the next
// request, with no timer, so that a benchmark can wait minutes of processing in no time.

let sim: AspirEduSim;

afterEach(async () => {
  await sim?.close();
});

const T0 = Date.parse('2024-10-01T06:00:00Z');

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${sim.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return (await response.json()) as Record<string, unknown>;
}

const post = (rows: Array<{ dashboard_name: string; student_sis_id: string }>) =>
  call('POST', '/detective/api/v2/dashboard/upload/', { data_type: 'student', clear_existing_policy: 'contained', data: rows });
const status = async (id: unknown) => (await call('GET', `/detective/api/v2/dashboard/upload/${String(id)}/`)).status;

describe('AspirEDU simulator on a simulated clock', () => {
  it('ends an upload once simulated time passes its processing time, which grows with its rows', async () => {
    const clock = { ms: T0, now: () => clock.ms };
    sim = await startAspirEduSim({
      clock,
      processingDelayMs: (rows) => 60_000 + rows * 1_000,
      students: [{ sisId: 's1' }, { sisId: 's2' }],
    });
    const created = await post([
      { dashboard_name: 'A', student_sis_id: 's1' },
      { dashboard_name: 'A', student_sis_id: 's2' },
    ]);
    expect(created.created).toBe(new Date(T0).toISOString());
    // Real time passing changes nothing: no timer runs.
    await new Promise((resolve) => setTimeout(resolve, 30));
    clock.ms = T0 + 61_999;
    expect(await status(created.id)).toBe('uploading');
    expect(sim.model.memberIds('', 'A', 'student')).toEqual([]);
    clock.ms = T0 + 62_000;
    expect(await status(created.id)).toBe('success');
    expect(sim.model.memberIds('', 'A', 'student')).toEqual(['s1', 's2']);
  });

  it('processes due uploads in the order they end, and still fails the ones it is told to fail', async () => {
    const clock = { ms: T0, now: () => clock.ms };
    sim = await startAspirEduSim({ clock, processingDelayMs: (rows) => rows * 10_000, students: [{ sisId: 's1' }, { sisId: 's2' }] });
    const slow = await post([
      { dashboard_name: 'A', student_sis_id: 's1' },
      { dashboard_name: 'A', student_sis_id: 's2' },
    ]);
    const fast = await post([{ dashboard_name: 'A', student_sis_id: 's2' }]);
    sim.failNextUploads(1, 'No mappings found');
    clock.ms = T0 + 60_000;
    await sim.idle();
    // The one-row upload ended first and took the failure; the two-row one then replaced A.
    expect(await call('GET', `/detective/api/v2/dashboard/upload/${String(fast.id)}/`)).toMatchObject({
      status: 'error',
      error: { message: 'No mappings found' },
    });
    expect(await status(slow.id)).toBe('success');
    expect(sim.model.memberIds('', 'A', 'student')).toEqual(['s1', 's2']);
  });

  it('keeps real time and timers without a clock', async () => {
    sim = await startAspirEduSim({ processingDelayMs: 5, students: [{ sisId: 's1' }] });
    const before = Date.now();
    const created = await post([{ dashboard_name: 'A', student_sis_id: 's1' }]);
    expect(Date.parse(String(created.created))).toBeGreaterThanOrEqual(before - 1);
    await sim.idle();
    expect(sim.model.memberIds('', 'A', 'student')).toEqual(['s1']);
  });
});
