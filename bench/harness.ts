import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { DEMO_CONFIG } from '../src/sim/demo-paths.js';
import { silentLogger } from '../src/log/logger.js';
import { createRosterMapper } from '../src/mapping/mapper.js';
import type { ChurnReport } from '../src/sim/powerschool/district-churn.js';
import type { DistrictOptions } from '../src/sim/powerschool/district-generator.js';
import { pluginAccessFor } from '../src/sim/demo-district.js';
import { createPowerSchoolApiReader } from '../src/sources/powerschool/api/create-reader.js';
import { measureExtraction, type ExtractionFigure } from './extraction.js';
import { AS_OF, benchSettings, SCALE_DISTRICT } from './fixture.js';
import { CPU_GOAL_MS, measureMapping, RSS_GOAL_MB, writeMappingInputs, type MappingCase } from './mapping.js';
import { startPowerSchoolProcess } from './powerschool-process.js';
import { round } from './stats.js';
import { rosterRows, scaleRoster } from './synthetic-roster.js';
import { measureUploads, type UploadFigure } from './uploads.js';

// The whole benchmark, in one run against the same simulators on 127.0.0.1: the district is
// generated once, read (figure 1), churned and read again; its two days are mapped and planned
// (figure 2, with a synthetic scale-up) and synced, by sis-sync and by the naive flow (figure 3).

export interface BenchConfig {
  district: DistrictOptions;
  /** Added by the PowerSchool simulator to every answer during extraction. */
  latencyMs: number;
  extractionRuns: number;
  /** The simulator's schema_table_query_max_page_size. */
  maxPageSize: number;
  churnShare: number;
  churnSeed: number;
  mappingRuns: number;
  /** Memberships the synthetic district is scaled to. */
  syntheticMemberships: number;
  syntheticRuns: number;
  progress?: (line: string) => void;
}

/** The V8 flag docs/operations.md suggests, through NODE_OPTIONS, where memory matters more than CPU. */
export const SMALL_HEAP_FLAG = '--optimize-for-size';

export const FULL_BENCH: BenchConfig = {
  district: SCALE_DISTRICT,
  latencyMs: 40,
  extractionRuns: 5,
  maxPageSize: 1000,
  churnShare: 0.01,
  churnSeed: 1,
  mappingRuns: 5,
  syntheticMemberships: 1_000_000,
  syntheticRuns: 2,
};

export interface BenchResult {
  schema: 1;
  startedAt: string;
  durationSeconds: number;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGB: number;
    node: string;
    platform: string;
    loadAverageBefore: number;
    loadAverageAfter: number;
  };
  fixture: {
    options: DistrictOptions;
    tables: Record<string, number>;
    generateMs: number;
    rosterRows: number;
    activeStudents: number;
    currentEnrollments: number;
    dashboards: { student: number; viewer: number };
    memberships: { student: number; viewer: number };
    churn: Omit<ChurnReport, 'leftStudents' | 'arrivedStudents'> & { share: number; left: number; arrived: number; ms: number };
  };
  extraction: ExtractionFigure & { goalRatio: number; goalEvaluatedRatio: number; met: boolean };
  mapping: { cpuGoalMs: number; rssGoalMB: number; cases: MappingCase[] };
  uploads: UploadFigure & { goalWallRatio: number; noChangeMet: boolean; churnMet: boolean };
}

export async function runBench(config: BenchConfig): Promise<BenchResult> {
  const progress = config.progress ?? (() => undefined);
  const startedAt = new Date();
  const loadBefore = loadavg()[0] as number;
  const dir = mkdtempSync(join(tmpdir(), 'sis-sync-bench-'));
  progress(`generating the district in the PowerSchool simulator (${config.district.students ?? 0} student records)`);
  const ps = await startPowerSchoolProcess(config.district, config.maxPageSize, pluginAccessFor(DEMO_CONFIG));
  try {
    const known = await ps.people();
    const readerSettings = benchSettings({
      dir,
      powerschool: ps,
      aspiredu: { url: 'http://127.0.0.1:9', token: 'unused' },
      facts: ps.facts,
    });
    progress(`figure 1: reading the roster ${config.extractionRuns} times at ${config.latencyMs} ms per request`);
    const extraction = await measureExtraction(ps, readerSettings, { latencyMs: config.latencyMs, runs: config.extractionRuns });
    const day0 = extraction.roster;
    const churn = await ps.churn({ seed: config.churnSeed, share: config.churnShare, day: AS_OF });
    const day1 = await createPowerSchoolApiReader(readerSettings, silentLogger(), readerSettings.state.dir).read();

    const mapper = createRosterMapper(readerSettings, silentLogger());
    const mapped0 = await mapper(day0);
    const mapped1 = await mapper(day1);
    progress(`figure 2: mapping and planning, ${config.mappingRuns} processes for the fixture`);
    const config0 = join(dir, 'sis-sync.json');
    const cases: MappingCase[] = [];
    cases.push(
      await measureMapping({
        config: config0,
        name: 'fixture',
        inputs: writeMappingInputs(dir, 'fixture', day1, mapped0.desired),
        runs: config.mappingRuns,
        cpuGoalMs: CPU_GOAL_MS,
      }),
    );
    const memberships1 = (mapped1.stats.studentMemberships ?? 0) + (mapped1.stats.viewerMemberships ?? 0);
    const factor = config.syntheticMemberships / memberships1;
    progress(`figure 2: a synthetic district of ${config.syntheticMemberships} memberships (the fixture × ${factor.toFixed(2)})`);
    {
      const snapshot = (await mapper(scaleRoster(day0, factor))).desired;
      const name = `synthetic ${config.syntheticMemberships.toLocaleString('en-US')}`;
      const inputs = writeMappingInputs(dir, 'synthetic', scaleRoster(day1, factor), snapshot);
      const synthetic = { config: config0, inputs, runs: config.syntheticRuns, cpuGoalMs: null };
      cases.push(await measureMapping({ ...synthetic, name }));
      // The same with V8 told to keep its heap small: what a server short of memory can choose.
      progress(`figure 2: the synthetic district again, with ${SMALL_HEAP_FLAG}`);
      cases.push(await measureMapping({ ...synthetic, name: `${name}, ${SMALL_HEAP_FLAG}`, nodeFlags: [SMALL_HEAP_FLAG] }));
    }

    progress('figure 3: uploads, sis-sync and the naive flow, on simulated time');
    const uploads = await measureUploads({
      dir,
      powerschool: ps,
      facts: ps.facts,
      known,
      days: [
        { name: 'first sync', roster: day0, desired: mapped0.desired },
        { name: 'no change', roster: day0, desired: mapped0.desired },
        { name: `${round(config.churnShare * 100, 1)} % churn`, roster: day1, desired: mapped1.desired },
      ],
    });
    const [, noChange, churned] = uploads.scenarios;
    const goalWallRatio = 20;

    const cpu = cpus();
    return {
      schema: 1,
      startedAt: startedAt.toISOString(),
      durationSeconds: round((Date.now() - startedAt.getTime()) / 1000),
      machine: {
        cpus: cpu.length,
        cpuModel: cpu[0]?.model ?? 'unknown',
        memoryGB: round(totalmem() / 1024 ** 3, 1),
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        loadAverageBefore: round(loadBefore, 2),
        loadAverageAfter: round(loadavg()[0] as number, 2),
      },
      fixture: {
        options: config.district,
        tables: ps.tables,
        generateMs: round(ps.generateMs),
        rosterRows: rosterRows(day0),
        activeStudents: mapped0.stats.students ?? 0,
        currentEnrollments: churn.report.currentEnrollments,
        dashboards: { student: mapped0.stats.studentDashboards ?? 0, viewer: mapped0.stats.viewerDashboards ?? 0 },
        memberships: { student: mapped0.stats.studentMemberships ?? 0, viewer: mapped0.stats.viewerMemberships ?? 0 },
        churn: {
          share: config.churnShare,
          currentEnrollments: churn.report.currentEnrollments,
          dropped: churn.report.dropped,
          added: churn.report.added,
          moved: churn.report.moved,
          left: churn.report.leftStudents.length,
          arrived: churn.report.arrivedStudents.length,
          ms: round(churn.ms),
        },
      },
      extraction: {
        ...extraction.figure,
        goalRatio: 1.2,
        goalEvaluatedRatio: 1.1,
        met: extraction.figure.ratio <= 1.2 && extraction.figure.evaluatedRatio <= 1.1,
      },
      mapping: { cpuGoalMs: CPU_GOAL_MS, rssGoalMB: RSS_GOAL_MB, cases },
      uploads: {
        ...uploads,
        goalWallRatio,
        noChangeMet: noChange?.engine.uploads === 0,
        churnMet:
          churned !== undefined &&
          churned.wallRatio !== null &&
          churned.wallRatio >= goalWallRatio &&
          churned.engine.requests < churned.naive.requests,
      },
    };
  } finally {
    await ps.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
