import type { AspirEduSim } from '../src/sim/aspiredu/server.js';
import type { Desired } from '../src/desired/model.js';

// Whether the AspirEDU simulator now holds what the dashboards should hold: each desired
// dashboard with exactly its members that AspirEDU knows (an unknown one is reported missing,
// never added). Returns the names of the dashboards that differ, for the figure to count.

export function dashboardsThatDiffer(
  sim: AspirEduSim,
  desired: Desired,
  known: { student: ReadonlySet<string>; viewer: ReadonlySet<string> },
): string[] {
  const differ: string[] = [];
  for (const dashboard of desired.values()) {
    const expected = [...dashboard.members.keys()].filter((id) => known[dashboard.dataType].has(id)).sort();
    const held = sim.model.memberIds(dashboard.account, dashboard.name, dashboard.dataType);
    if (held.length !== expected.length || held.some((id, i) => id !== expected[i])) differ.push(`${dashboard.dataType}:${dashboard.name}`);
  }
  return differ;
}
