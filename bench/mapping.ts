import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Roster } from '../src/roster/roster.js';
import { openState } from '../src/state/store.js';
import type { Desired } from '../src/desired/model.js';
import { recordLastUpload } from '../src/sim/recorded-upload.js';
import { writeRosterParts } from './roster-parts.js';
import { median, round } from './stats.js';
import { rosterRows } from './synthetic-roster.js';

// Figure 2: mapping and planning alone, each measurement in a fresh process (mapping-child.mjs)
// so that its peak RSS is its own: the roster of the day mapped with the example rules, then
// planned against the snapshot of the day before and packed into uploads. The snapshot is
// handed over in the form the state store keeps and read back the way it does; loading it from
// SQLite is reported on its own (figure 3).

export const CPU_GOAL_MS = 1000;
export const RSS_GOAL_MB = 300;

export interface MappingCase {
  name: string;
  /** V8 flags the measured process ran with, beyond --expose-gc (none: Node's defaults). */
  nodeFlags: string[];
  rosterRows: number;
  dashboards: number;
  memberships: number;
  /** Dashboards the plan would upload, and in how many uploads. */
  toUpload: number;
  uploads: number;
  runs: number;
  /**
   * Medians over the runs: CPU of all the process's threads (main, garbage collector, compiler),
   * CPU of the main thread alone (Linux only, 10 ms ticks; null elsewhere), and wall time split in two.
   */
  cpuMs: number;
  cpuMsRuns: number[];
  mainThreadCpuMs: number | null;
  wallMs: number;
  mapMs: number;
  planMs: number;
  /** Parsing yesterday's snapshot between the two, as a run does; not in the CPU and wall figures. */
  snapshotLoadMs: number;
  /** The same work again in the same process, as a daemon's next run does it. */
  warmCpuMs: number;
  /** Highest over the runs: the process's peak, and its RSS with the inputs loaded, before mapping. */
  peakRssMB: number;
  rssBeforeMB: number;
  /** The CPU goal holds for the fixture only; null where there is none. Met by each measure of CPU? */
  cpuGoalMs: number | null;
  cpuGoalMet: { mainThread: boolean | null; allThreads: boolean } | null;
  rssGoalMet: boolean;
}

const CHILD = fileURLToPath(new URL('./mapping-child.mjs', import.meta.url));
const DIST = fileURLToPath(new URL('../dist/mapping/mapper.js', import.meta.url));
const run = promisify(execFile);

/** What one measuring process prints (mapping-child.mjs). */
type ChildResult = Pick<
  MappingCase,
  | 'cpuMs'
  | 'mainThreadCpuMs'
  | 'wallMs'
  | 'mapMs'
  | 'planMs'
  | 'snapshotLoadMs'
  | 'warmCpuMs'
  | 'dashboards'
  | 'memberships'
  | 'toUpload'
  | 'uploads'
  | 'peakRssMB'
  | 'rssBeforeMB'
>;

/** The inputs of a measurement, written once for every case that maps them. */
export interface MappingInputs {
  /** The day's roster, in parts (roster-parts.ts). */
  roster: string;
  /** A state directory whose database holds the day before's dashboards as the last upload left them. */
  stateDir: string;
  rosterRows: number;
}

/**
 * Writes a day's roster and the snapshot of the day before as the measuring process reads them:
 * the roster in parts, the snapshot in a state database of its own, recorded by the state store
 * as a successful upload records it (one run, one upload, Snapshots.save).
 */
export function writeMappingInputs(dir: string, name: string, roster: Roster, snapshot: Desired): MappingInputs {
  const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  const inputs = { roster: join(dir, `${slug}-roster.v8`), stateDir: join(dir, `${slug}-state`), rosterRows: rosterRows(roster) };
  writeRosterParts(inputs.roster, roster);
  const store = openState(inputs.stateDir);
  try {
    recordLastUpload(store, [...snapshot.values()]);
  } finally {
    store.close();
  }
  return inputs;
}

export async function measureMapping(input: {
  config: string;
  name: string;
  inputs: MappingInputs;
  runs: number;
  cpuGoalMs: number | null;
  /** For example ['--optimize-for-size']: what a memory-short server can start Node with. */
  nodeFlags?: string[];
}): Promise<MappingCase> {
  const nodeFlags = input.nodeFlags ?? [];
  if (!existsSync(DIST)) throw new Error('dist/ is missing: run `npm run build` first (`npm run bench` does)');
  const job = { config: input.config, roster: input.inputs.roster, stateDir: input.inputs.stateDir };
  const results: ChildResult[] = [];
  for (let n = 0; n < input.runs; n++) {
    const { stdout } = await run(process.execPath, ['--expose-gc', ...nodeFlags, CHILD, JSON.stringify(job)], { maxBuffer: 1024 * 1024 });
    results.push(JSON.parse(stdout.trim().split('\n').at(-1) as string) as ChildResult);
  }
  const pick = (key: Exclude<keyof ChildResult, 'mainThreadCpuMs'>) => median(results.map((r) => r[key]));
  const mainThread = results.every((r) => r.mainThreadCpuMs !== null) ? median(results.map((r) => r.mainThreadCpuMs as number)) : null;
  const first = results[0] as ChildResult;
  const peakRssMB = Math.max(...results.map((r) => r.peakRssMB));
  const cpuMs = pick('cpuMs');
  return {
    name: input.name,
    nodeFlags,
    rosterRows: input.inputs.rosterRows,
    dashboards: first.dashboards,
    memberships: first.memberships,
    toUpload: first.toUpload,
    uploads: first.uploads,
    runs: input.runs,
    cpuMs: round(cpuMs),
    cpuMsRuns: results.map((r) => round(r.cpuMs)),
    mainThreadCpuMs: mainThread === null ? null : round(mainThread),
    wallMs: round(pick('wallMs')),
    mapMs: round(pick('mapMs')),
    planMs: round(pick('planMs')),
    snapshotLoadMs: round(pick('snapshotLoadMs')),
    warmCpuMs: round(pick('warmCpuMs')),
    peakRssMB: round(peakRssMB),
    rssBeforeMB: round(Math.max(...results.map((r) => r.rssBeforeMB))),
    cpuGoalMs: input.cpuGoalMs,
    cpuGoalMet:
      input.cpuGoalMs === null
        ? null
        : { mainThread: mainThread === null ? null : mainThread < input.cpuGoalMs, allThreads: cpuMs < input.cpuGoalMs },
    rssGoalMet: peakRssMB < RSS_GOAL_MB,
  };
}
