import { describe, expect, it } from 'vitest';
import { assessHealth, type HealthSnapshot } from '../../src/daemon/health.js';

const T0 = Date.parse('2026-01-05T11:00:00Z');
const MIN = 60_000;

function snapshot(extra: Partial<HealthSnapshot> = {}): HealthSnapshot {
  return {
    nowMs: T0,
    startedAtMs: T0 - 60 * MIN,
    stopping: false,
    lastTickAtMs: T0 - 30_000,
    lastDueAtMs: undefined,
    running: false,
    lastRun: undefined,
    nextRun: '2026-01-06 05:00 America/Chicago',
    blackout: undefined,
    ...extra,
  };
}

describe('assessHealth', () => {
  it('is ok while the scheduler ticks and no run is overdue, even before the first run', () => {
    expect(assessHealth(snapshot())).toMatchObject({ status: 'ok', reasons: [], nextRun: '2026-01-06 05:00 America/Chicago' });
  });

  it('is unhealthy when the scheduler has stopped waking up', () => {
    const report = assessHealth(snapshot({ lastTickAtMs: T0 - 10 * MIN }));
    expect(report.status).toBe('unhealthy');
    expect(report.reasons[0]).toContain('the scheduler has not woken up since 2026-01-05T10:50:00.000Z');
  });

  it('is unhealthy when a due run did not start, ok while it runs or once it started', () => {
    const due = T0 - 20 * MIN;
    const lastRun = { id: 4, startedAtMs: T0 - 24 * 60 * MIN, outcome: 'success', finishedAt: null };
    const overdue = assessHealth(snapshot({ lastDueAtMs: due, lastRun }));
    expect(overdue.status).toBe('unhealthy');
    expect(overdue.reasons[0]).toMatch(/a run was due at 2026-01-05T10:40:00.000Z but none started \(last run started 2026-01-04T11:00/);
    expect(assessHealth(snapshot({ lastDueAtMs: due, lastRun, running: true })).status).toBe('ok');
    expect(assessHealth(snapshot({ lastDueAtMs: due, lastRun: { ...lastRun, startedAtMs: due + 1_000, outcome: 'failed' } })).status).toBe(
      'ok',
    );
    // Within the grace period a due run may still be about to start.
    expect(assessHealth(snapshot({ lastDueAtMs: T0 - MIN, lastRun })).status).toBe('ok');
  });

  it('a failed run is reported, not unhealthy', () => {
    const report = assessHealth(
      snapshot({ lastRun: { id: 9, startedAtMs: T0 - MIN, outcome: 'failed', finishedAt: '2026-01-05T10:59:30.000Z' } }),
    );
    expect(report).toMatchObject({ status: 'ok', lastRun: { id: 9, outcome: 'failed' } });
  });

  it('is unhealthy while stopping', () => {
    expect(assessHealth(snapshot({ stopping: true })).reasons).toEqual(['the daemon is stopping']);
  });

  it('is unhealthy when a run went on past sync.runTimeoutMinutes and did not stop, naming the run and the bound', () => {
    const bound = {
      runBoundMs: 180 * MIN,
      running: true,
      lastRun: { id: 12, startedAtMs: T0 - 200 * MIN, outcome: 'running', finishedAt: null },
    };
    const stuck = assessHealth(snapshot({ ...bound, runningSinceMs: T0 - 200 * MIN }));
    expect(stuck).toMatchObject({ status: 'unhealthy', stuck: true });
    expect(stuck.reasons).toEqual(['run 12 running for 200 min, bound 180 min (sync.runTimeoutMinutes): it did not stop when told']);
    // Past the bound, but still within the minutes it has to stop by itself.
    expect(assessHealth(snapshot({ ...bound, runningSinceMs: T0 - 181 * MIN }))).toMatchObject({ status: 'ok', stuck: false });
  });
});
