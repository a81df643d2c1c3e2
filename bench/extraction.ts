import type { Settings } from '../src/config/settings.js';
import type { Roster } from '../src/roster/roster.js';
import { silentLogger } from '../src/log/logger.js';
import { createPowerSchoolApiReader, powerSchoolClientFactory } from '../src/sources/powerschool/api/create-reader.js';
import { loadQueryCatalog, ROSTER_QUERIES } from '../src/sources/powerschool/queries/catalog.js';
import { argsFor, rosterQueryArgs } from '../src/sources/powerschool/queries/query-args.js';
import { captureEvents } from './capture-log.js';
import type { PowerSchoolProcess } from './powerschool-process.js';
import { median, round } from './stats.js';

// Figure 1: the whole roster read from the PowerSchool simulator while it answers every request a
// set latency after it arrived, its own SQL and JSON done meanwhile (a server with that response
// time; only work that takes longer makes an answer later, counted in simulatorMs). The floor is
// what that latency allows at the configured concurrency, if every request waited only for it:
// requests × latency ÷ concurrency, the requests being those the reader made (the bounds queries
// and each slice's short last page included).

export interface ExtractionFigure {
  latencyMs: number;
  concurrency: number;
  minRequestIntervalSeconds: number;
  pageSize: number;
  runs: number;
  requests: number;
  rows: number;
  /** Median over the runs, and each run. */
  wallMs: number;
  wallMsRuns: number[];
  rowsPerSecond: number;
  floorMs: number;
  /** wallMs ÷ floorMs; the goal is at most 1.3. */
  ratio: number;
  /**
   * Where the time above the floor went (medians): wall × concurrency = Σ latency + Σ simulator
   * time + reader idle time, the time a request slot stood empty while the reader worked, waited
   * on a count, or built the roster.
   */
  simulatorMs: number;
  readerIdleSlotMs: number;
  /** PowerQuery rows the server evaluated ÷ rows it returned, for one read by key; the goal is at most 1.1. */
  evaluatedRatio: number;
  /** The same for the roster queries read by offset (count, then page 1..n), as sis-sync read them before. */
  offsetEvaluatedRatio: number;
}

export async function measureExtraction(
  ps: PowerSchoolProcess,
  settings: Settings,
  options: { latencyMs: number; runs: number },
): Promise<{ figure: ExtractionFigure; roster: Roster }> {
  await ps.setLatency(options.latencyMs);
  const walls: number[] = [];
  const requestCounts: number[] = [];
  const simulatorMs: number[] = [];
  const idleSlotMs: number[] = [];
  let rows = 0;
  let pageSize = 0;
  let roster: Roster | undefined;
  const evaluated: number[] = [];
  for (let run = 0; run < options.runs; run++) {
    const captured = captureEvents();
    await ps.takeRequests();
    const reader = createPowerSchoolApiReader(settings, captured.log, settings.state.dir);
    const started = performance.now();
    roster = await reader.read();
    walls.push(performance.now() - started);
    const stats = await ps.takeRequests();
    requestCounts.push(stats.count);
    simulatorMs.push(stats.serverMs);
    evaluated.push(stats.rowsEvaluated / Math.max(1, stats.rowsReturned));
    idleSlotMs.push((walls.at(-1) as number) * settings.powerschool.concurrency - stats.busyMs);
    const reads = [...captured.events('powerschool.query.read'), ...captured.events('powerschool.table.read')];
    rows = reads.reduce((sum, entry) => sum + Number(entry.rows), 0);
    pageSize = Number(captured.events('powerschool.read.started')[0]?.pageSize ?? 0);
  }
  await ps.setLatency(0);
  const offsetEvaluatedRatio = await offsetPagingRatio(ps, settings, pageSize);
  // The first run also asks for a token; later runs reuse the cached one. The floor is per run.
  const requests = median(requestCounts);
  const wallMs = median(walls);
  const { concurrency, minRequestIntervalSeconds } = settings.powerschool;
  const floorMs = (requests * options.latencyMs) / concurrency;
  return {
    roster: roster as Roster,
    figure: {
      latencyMs: options.latencyMs,
      concurrency,
      minRequestIntervalSeconds,
      pageSize,
      runs: options.runs,
      requests,
      rows,
      wallMs: round(wallMs),
      wallMsRuns: walls.map((ms) => round(ms)),
      rowsPerSecond: round(rows / (wallMs / 1000)),
      floorMs: round(floorMs),
      ratio: round(wallMs / floorMs, 2),
      simulatorMs: round(median(simulatorMs)),
      readerIdleSlotMs: round(median(idleSlotMs)),
      evaluatedRatio: round(median(evaluated), 3),
      offsetEvaluatedRatio: round(offsetEvaluatedRatio, 1),
    },
  };
}

/**
 * The naive comparison: the roster queries read by position, a count and then pages 1..n with
 * the whole key range, as sis-sync read them before keyset paging. The simulator evaluates the
 * whole query for each of those requests, as PowerSchool does.
 */
async function offsetPagingRatio(ps: PowerSchoolProcess, settings: Settings, pageSize: number): Promise<number> {
  await ps.takeRequests();
  const client = powerSchoolClientFactory(settings, silentLogger(), settings.state.dir)();
  try {
    const catalog = loadQueryCatalog();
    const args = rosterQueryArgs(settings.powerschool, new Date().toISOString().slice(0, 10));
    for (const name of Object.values(ROSTER_QUERIES)) {
      const query = catalog.get(name);
      const queryArgs = argsFor(query, args);
      const count = await client.countQuery(query, queryArgs);
      for (let page = 1; page <= Math.ceil(count / pageSize); page++) await client.queryPage(query, queryArgs, page, pageSize);
    }
  } finally {
    await client.close();
  }
  const stats = await ps.takeRequests();
  return stats.rowsEvaluated / Math.max(1, stats.rowsReturned);
}
