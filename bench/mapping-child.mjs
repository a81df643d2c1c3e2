// One measurement of mapping and planning, in a process of its own so that its peak RSS is its
// own (process.resourceUsage().maxRSS cannot be reset). Plain JavaScript on the built dist/, as
// production runs it: no TypeScript loader in the measured process. Started by mapping.ts with
// --expose-gc and one argument, a JSON job: { config, roster, snapshot }, the last two files
// written with v8.serialize. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { deserialize } from 'node:v8';
import { loadConfig } from '../dist/config/load.js';
import { silentLogger } from '../dist/log/logger.js';
import { createRosterMapper } from '../dist/mapping/mapper.js';
import { packBatches } from '../dist/sync/batch.js';
import { computePlan } from '../dist/sync/plan.js';

const MB = 1024 * 1024;
const job = JSON.parse(process.argv[2]);
const { settings } = loadConfig({ file: job.config, env: {} });
const limits = { maxRowsPerUpload: settings.sync.maxRowsPerUpload, maxDashboardsPerUpload: settings.sync.maxDashboardsPerUpload };
const mapper = createRosterMapper(settings, silentLogger());
const roster = deserialize(readFileSync(job.roster));
const snapshot = deserialize(readFileSync(job.snapshot));
globalThis.gc();
const rssBefore = process.memoryUsage().rss;

async function mapAndPlan() {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await mapper(roster);
  const mapped = performance.now();
  const plan = computePlan(result.desired, snapshot, { dataTypes: result.dataTypes });
  const batches = packBatches(plan.changes, limits);
  const done = performance.now();
  const used = process.cpuUsage(cpu);
  let memberships = 0;
  for (const dashboard of result.desired.values()) memberships += dashboard.members.size;
  return {
    cpuMs: (used.user + used.system) / 1000,
    wallMs: done - started,
    mapMs: mapped - started,
    planMs: done - mapped,
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
