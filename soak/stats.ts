import type { AspirEduSim } from '../src/sim/aspiredu/server.js';
import type { PowerSchoolSim } from '../src/sim/powerschool/server.js';
import type { ChildRun } from './cli-run.js';

// Counts for the report: what the children logged, and what the simulators saw on the wire,
// so that the report says which faults actually took effect, not only which were injected.

export class SoakStats {
  readonly events = new Map<string, number>();
  readonly exitCodes = new Map<string, number>();
  readonly kills = new Map<string, number>();
  processes = 0;
  /** Outbox rows seen waiting at the end of a day: digests that went out late. */
  readonly lateDigests = new Set<number>();

  addRun(run: ChildRun): void {
    this.processes++;
    const exit = run.killed ? `killed (${run.killed})` : run.signal ? `signal ${run.signal}` : `exit ${run.code}`;
    this.exitCodes.set(exit, (this.exitCodes.get(exit) ?? 0) + 1);
    if (run.killed) this.kills.set(run.killed, (this.kills.get(run.killed) ?? 0) + 1);
    for (const event of run.events) this.events.set(event.event, (this.events.get(event.event) ?? 0) + 1);
  }

  event(name: string): number {
    return this.events.get(name) ?? 0;
  }
}

export interface WireCounts {
  requests: number;
  serverErrors: number;
  throttled: number;
  dropped: number;
  unauthorized: number;
}

export function wireCounts(sim: PowerSchoolSim | AspirEduSim): WireCounts {
  const statuses = sim.requests.map((r) => r.status);
  return {
    requests: statuses.length,
    serverErrors: statuses.filter((s) => typeof s === 'number' && s >= 500).length,
    throttled: statuses.filter((s) => s === 429).length,
    dropped: statuses.filter((s) => s === 'dropped').length,
    unauthorized: statuses.filter((s) => s === 401).length,
  };
}
