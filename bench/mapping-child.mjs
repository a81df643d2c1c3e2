// One measurement of mapping and planning, in a process of its own so that its peak RSS is its
// own (process.resourceUsage().maxRSS cannot be reset). Plain JavaScript on the built dist/, as
// production runs it: no TypeScript loader in the measured process. Started by mapping.ts with
// --expose-gc and one argument, a JSON job: { config, roster, stateDir }: the roster in parts
// (roster-parts.ts), the day before's dashboards in a state database. Prints one JSON line.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { deserialize } from 'node:v8';
import { loadConfig } from '../dist/config/load.js';
import { silentLogger } from '../dist/log/logger.js';
import { createRosterMapper } from '../dist/mapping/mapper.js';
import { packBatches } from '../dist/sync/batch.js';
import { computePlan } from '../dist/sync/plan.js';
import { shareRosterStrings } from '../dist/roster/share-strings.js';
import { openStateReadOnly } from '../dist/state/store.js';

const MB = 1024 * 1024;

/**
 * CPU time of the main thread alone, in ms, where Linux tells it (/proc, in 10 ms ticks);
 * process.cpuUsage() also counts V8's garbage collector and compiler threads, which run beside it.
 */
function mainThreadCpuMs() {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
const job = JSON.parse(process.argv[2]);
const { settings } = loadConfig({ file: job.config, env: {} });
const limits = { maxRowsPerUpload: settings.sync.maxRowsPerUpload, maxDashboardsPerUpload: settings.sync.maxDashboardsPerUpload };
const mapper = createRosterMapper(settings, silentLogger());
// v8.deserialize makes a string per occurrence; the sources' roster assembler shares equal ones
// (shareRosterStrings), so the roster is handed to the mapping as a source would hand it over.
/** The roster's parts, one block at a time, put together as a source's roster assembler does. */
function readRoster(path) {
  const roster = { schools: [], students: [], staff: [], sections: [] };
  const fd = openSync(path, 'r');
  try {
    const length = Buffer.alloc(4);
    while (readSync(fd, length, 0, 4, null) === 4) {
      const bytes = Buffer.alloc(length.readUInt32BE(0));
      readSync(fd, bytes, 0, bytes.length, null);
      const part = deserialize(bytes);
      for (const list of ['schools', 'students', 'staff', 'sections']) if (part[list]) roster[list].push(...part[list]);
      if (part.studentFields) roster.studentFields = part.studentFields;
    }
  } finally {
    closeSync(fd);
  }
  return roster;
}
const roster = shareRosterStrings(readRoster(job.roster));
// The state store, read as a run reads it: yesterday's snapshot in each pass, after the mapping
// (store.snapshots.all(desired)), outside the measured CPU and time.
const store = openStateReadOnly(job.stateDir);
// Twice: the first collection frees the read buffers' objects, the second their memory.
globalThis.gc();
globalThis.gc();
const rssBefore = process.memoryUsage().rss;

async function mapAndPlan() {
  const cpu = process.cpuUsage();
  const mainCpu = mainThreadCpuMs();
  const started = performance.now();
  const result = await mapper(roster);
  const mapped = performance.now();
  const loadCpu = process.cpuUsage();
  const loadMainCpu = mainThreadCpuMs();
  const snapshot = store.snapshots.all(result.desired);
  const loadUsed = process.cpuUsage(loadCpu);
  const loadMainCpuMs = loadMainCpu === null ? 0 : mainThreadCpuMs() - loadMainCpu;
  const loaded = performance.now();
  const plan = computePlan(result.desired, snapshot, { dataTypes: result.dataTypes });
  const batches = packBatches(plan.changes, limits);
  const done = performance.now();
  const used = process.cpuUsage(cpu);
  used.user -= loadUsed.user;
  used.system -= loadUsed.system;
  const mainNow = mainThreadCpuMs();
  const mainCpuAfter = mainNow === null ? null : mainNow - loadMainCpuMs;
  let memberships = 0;
  for (const dashboard of result.desired.values()) memberships += dashboard.members.size;
  return {
    cpuMs: (used.user + used.system) / 1000,
    mainThreadCpuMs: mainCpu === null || mainCpuAfter === null ? null : mainCpuAfter - mainCpu,
    wallMs: done - started - (loaded - mapped),
    mapMs: mapped - started,
    planMs: done - loaded,
    snapshotLoadMs: loaded - mapped,
    dashboards: result.desired.size,
    memberships,
    toUpload: plan.totals.toUpload,
    uploads: batches.length,
  };
}

// The first pass is what `sis-sync once` does; the second what the daemon's next run does, warm.
const cold = await mapAndPlan();
const peakRssMB = process.resourceUsage().maxRSS / 1024;
globalThis.gc();
const warm = await mapAndPlan();
process.stdout.write(`${JSON.stringify({ ...cold, warmCpuMs: warm.cpuMs, peakRssMB, rssBeforeMB: rssBefore / MB })}\n`);
