import type { Roster } from '../src/roster/roster.js';
import { startAspirEduSim } from '../src/sim/aspiredu/server.js';
import type { DashboardMembers, Desired } from '../src/desired/model.js';
import { ManualClock } from '../src/sim/manual-clock.js';
import { dashboardsThatDiffer } from './aspiredu-check.js';
import { engineRunner, type EngineRunResult } from './engine-runs.js';
import { AS_OF, type BenchSettingsInput } from './fixture.js';
import { NaiveFlow, type NaiveRunResult } from './naive-flow.js';
import { round } from './stats.js';

// Figure 3: uploads to the AspirEDU simulator on simulated time, sis-sync against the how-to
// guide's naive flow, for a first sync, a day with no change and a day of churn. Each side has
// a simulator of its own, started with the same options, and a clock of its own; the simulator
// processes an upload for a time that grows with its rows, and answers "uploading" until then.

/** AspirEDU's processing time for an upload: 5 s, plus 2 ms per row (20,000 rows: 45 s). */
export const PROCESSING_MS = (rows: number): number => 5_000 + 2 * rows;
export const PROCESSING_TEXT = '5 s + 2 ms per row';

const DAY_MS = 24 * 3_600_000;
const START = Date.parse(`${AS_OF}T05:00:00Z`);

export interface UploadScenario {
  name: string;
  desiredDashboards: number;
  desiredMemberships: number;
  engine: EngineRunResult;
  naive: NaiveRunResult;
  /** The naive flow given only what changed (no-change and churn days). */
  naiveChangedOnly?: NaiveRunResult;
  /** naive ÷ engine; null when the engine made no request or took no time. */
  wallRatio: number | null;
  requestRatio: number | null;
}

export interface UploadFigure {
  processing: string;
  engineSettings: { pollIntervalSeconds: number; pollMaxIntervalSeconds: number; maxRowsPerUpload: number; maxDashboardsPerUpload: number };
  naivePollSeconds: number;
  scenarios: UploadScenario[];
  /** Dashboards that differ from the desired state in each simulator after the last run. */
  engineDashboardsOff: number;
  naiveDashboardsOff: number;
  snapshotLoadMs: number;
}

export interface UploadInput extends Omit<BenchSettingsInput, 'dir' | 'aspiredu'> {
  dir: string;
  days: Array<{ name: string; roster: Roster; desired: Desired }>;
  /** SIS ids AspirEDU knows: the students and staff of the first day. */
  known: { students: string[]; staff: string[] };
}

export async function measureUploads(input: UploadInput): Promise<UploadFigure> {
  // Simulated time: a wait of minutes moves a clock on at once. The engine and the naive flow
  // each wait on their own clock, and the AspirEDU simulator each talks to reads that clock to
  // decide whether an upload has finished processing.
  const simOptions = (clock: ManualClock) => ({
    clock,
    processingDelayMs: PROCESSING_MS,
    students: input.known.students.map((sisId) => ({ sisId })),
    viewers: input.known.staff.map((sisId) => ({ sisId })),
  });
  const engineClock = new ManualClock(START);
  const naiveClock = new ManualClock(START);
  const engineSim = await startAspirEduSim(simOptions(engineClock));
  const naiveSim = await startAspirEduSim(simOptions(naiveClock));
  const engine = engineRunner(input.dir, engineSim, engineClock, input);
  const naive = new NaiveFlow({ url: naiveSim.url, token: naiveSim.token, clock: naiveClock });
  try {
    const scenarios: UploadScenario[] = [];
    let previous: Desired | undefined;
    for (const day of input.days) {
      const engineResult = await engine.run(day.roster);
      const naiveResult = await naive.run([...day.desired.values()]);
      const changed = previous ? changedSince(previous, day.desired) : undefined;
      const naiveChangedOnly = changed ? await naive.run(changed.changed, changed.gone) : undefined;
      scenarios.push(scenario(day.name, day.desired, engineResult, naiveResult, naiveChangedOnly));
      previous = day.desired;
      engineClock.advance(DAY_MS);
      naiveClock.advance(DAY_MS);
    }
    const last = input.days.at(-1)?.desired ?? new Map();
    const known = { student: new Set(input.known.students), viewer: new Set(input.known.staff) };
    return {
      processing: PROCESSING_TEXT,
      engineSettings: engine.settings,
      naivePollSeconds: 30,
      scenarios,
      engineDashboardsOff: dashboardsThatDiffer(engineSim, last, known).length,
      naiveDashboardsOff: dashboardsThatDiffer(naiveSim, last, known).length,
      snapshotLoadMs: engine.snapshotLoadMs(),
    };
  } finally {
    engine.close();
    await naive.close();
    await Promise.all([engineSim.close(), naiveSim.close()]);
  }
}

function scenario(
  name: string,
  desired: Desired,
  engine: EngineRunResult,
  naive: NaiveRunResult,
  naiveChangedOnly: NaiveRunResult | undefined,
): UploadScenario {
  let memberships = 0;
  for (const dashboard of desired.values()) memberships += dashboard.members.size;
  return {
    name,
    desiredDashboards: desired.size,
    desiredMemberships: memberships,
    engine,
    naive,
    ...(naiveChangedOnly ? { naiveChangedOnly } : {}),
    wallRatio: engine.simulatedMs > 0 ? round(naive.simulatedMs / engine.simulatedMs, 1) : null,
    requestRatio: engine.requests > 0 ? round(naive.requests / engine.requests, 1) : null,
  };
}

/** Dashboards whose members or flags differ from the day before, and those that went away. */
function changedSince(before: Desired, after: Desired): { changed: DashboardMembers[]; gone: DashboardMembers[] } {
  const changed: DashboardMembers[] = [];
  for (const [key, dashboard] of after) {
    const was = before.get(key);
    if (!was || was.members.size !== dashboard.members.size) {
      changed.push(dashboard);
      continue;
    }
    for (const [id, ally] of dashboard.members) {
      if (was.members.get(id) !== ally) {
        changed.push(dashboard);
        break;
      }
    }
  }
  const gone = [...before].filter(([key, dashboard]) => !after.has(key) && dashboard.members.size > 0).map(([, dashboard]) => dashboard);
  return { changed, gone };
}
