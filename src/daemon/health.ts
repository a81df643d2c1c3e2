// What `/healthz` answers: 200 while the scheduler lives and runs happen when they should, 503
// with the reasons otherwise. A run that failed is not unhealthy (restarting the container would
// not fix AspirEDU being down); it shows in the body, in the metrics and in the digest.

/** The scheduler wakes every minute; three missed wake-ups mean it is stuck or gone. */
export const TICK_STALE_MS = 3 * 60_000;
/** A due run starts at the next wake-up, or right after the run in progress. */
export const RUN_START_GRACE_MS = 5 * 60_000;

export interface HealthSnapshot {
  nowMs: number;
  startedAtMs: number;
  stopping: boolean;
  lastTickAtMs: number | undefined;
  /** When the latest scheduled run came due (outside blackout windows). */
  lastDueAtMs: number | undefined;
  /** A run, or the resume on start, is going. */
  running: boolean;
  /** Since when the work in progress has been going. */
  runningSinceMs?: number | undefined;
  /** `sync.runTimeoutMinutes`, in ms. */
  runBoundMs?: number | undefined;
  lastRun: { id: number; startedAtMs: number; outcome: string; finishedAt: string | null } | undefined;
  nextRun: string | undefined;
  blackout: string | undefined;
}

export interface HealthReport {
  status: 'ok' | 'unhealthy';
  reasons: string[];
  running: boolean;
  /** The work in progress went on past its bound and did not stop: it needs a person (or a restart). */
  stuck: boolean;
  lastTickAt: string | null;
  nextRun: string | null;
  blackout: string | null;
  lastRun: { id: number; startedAt: string; outcome: string; finishedAt: string | null } | null;
}

export function assessHealth(s: HealthSnapshot): HealthReport {
  const reasons: string[] = [];
  if (s.stopping) reasons.push('the daemon is stopping');
  const tickReference = s.lastTickAtMs ?? s.startedAtMs;
  if (s.nowMs - tickReference > TICK_STALE_MS) {
    reasons.push(`the scheduler has not woken up since ${iso(tickReference)} (it should every minute)`);
  }
  const lastStart = s.lastRun?.startedAtMs;
  const overdue =
    s.lastDueAtMs !== undefined &&
    !s.running &&
    s.nowMs - s.lastDueAtMs > RUN_START_GRACE_MS &&
    (lastStart === undefined || lastStart < s.lastDueAtMs);
  if (overdue) {
    reasons.push(
      `a run was due at ${iso(s.lastDueAtMs as number)} but none started` +
        (lastStart !== undefined ? ` (last run started ${iso(lastStart)})` : ''),
    );
  }
  const stuck = stuckReason(s);
  if (stuck) reasons.push(stuck);
  return {
    status: reasons.length === 0 ? 'ok' : 'unhealthy',
    reasons,
    running: s.running,
    stuck: stuck !== undefined,
    lastTickAt: s.lastTickAtMs === undefined ? null : iso(s.lastTickAtMs),
    nextRun: s.nextRun ?? null,
    blackout: s.blackout ?? null,
    lastRun: s.lastRun
      ? { id: s.lastRun.id, startedAt: iso(s.lastRun.startedAtMs), outcome: s.lastRun.outcome, finishedAt: s.lastRun.finishedAt }
      : null,
  };
}

/**
 * A run past sync.runTimeoutMinutes is stopped, and given up on a minute later if it does not
 * listen; work still going well past that is stuck in a way the daemon itself cannot end.
 */
export function isStuck(s: Pick<HealthSnapshot, 'nowMs' | 'running' | 'runningSinceMs' | 'runBoundMs'>): boolean {
  if (!s.running || s.runningSinceMs === undefined || s.runBoundMs === undefined) return false;
  return s.nowMs - s.runningSinceMs > s.runBoundMs + RUN_START_GRACE_MS;
}

function stuckReason(s: HealthSnapshot): string | undefined {
  if (!isStuck(s)) return undefined;
  const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;
  const what = s.lastRun?.outcome === 'running' ? `run ${s.lastRun.id}` : 'the work in progress';
  return `${what} running for ${minutes(s.nowMs - (s.runningSinceMs as number))}, bound ${minutes(s.runBoundMs as number)} (sync.runTimeoutMinutes): it did not stop when told`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
