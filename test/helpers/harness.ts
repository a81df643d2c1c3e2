import { join } from 'node:path';
import { createSyncRunner } from '../../src/app/wiring.js';
import { loadConfig } from '../../src/config/load.js';
import type { Settings } from '../../src/config/settings.js';
import { startAspirEduSim, type AspirEduSim, type AspirEduSimOptions } from '../../src/sim/aspiredu/server.js';
import { openState, type StateStore } from '../../src/state/store.js';
import type { RunReport } from '../../src/sync/run.js';
import { captureLog, type CapturedLog } from './log-capture.js';
import { studentsCsv, tempDir, viewersCsv, writeFile } from './temp.js';

// A whole sync setup on real sockets: the AspirEDU simulator on 127.0.0.1, rows files, a
// SQLite state file, configuration loaded the way the CLI loads it. Timings are shrunk.

export interface Harness {
  sim: AspirEduSim;
  dir: string;
  settings: Settings;
  captured: CapturedLog;
  store: StateStore;
  writeStudents(rows: Array<[string, string]>): void;
  writeViewers(rows: Array<[string, string, boolean]>): void;
  run(): Promise<RunReport>;
  /** Upload POSTs the simulator received. */
  uploadPosts(): number;
  close(): Promise<void>;
}

export interface HarnessOptions {
  sim?: AspirEduSimOptions;
  config?: Record<string, unknown>;
  /** SIS ids the simulated AspirEDU knows. */
  students?: string[];
  viewers?: string[];
}

export const FAST_TIMINGS = {
  aspiredu: { pollIntervalSeconds: 0.02, pollMaxIntervalSeconds: 0.05, pollTimeoutMinutes: 0.01 },
  http: { retryMinDelaySeconds: 0.01, retryMaxDelaySeconds: 0.05 },
};

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = await startAspirEduSim({
    processingDelayMs: 10,
    students: (options.students ?? []).map((sisId) => ({ sisId })),
    viewers: (options.viewers ?? []).map((sisId) => ({ sisId })),
    ...options.sim,
  });
  const dir = tempDir();
  const studentsFile = join(dir, 'students.csv');
  const viewersFile = join(dir, 'viewers.csv');
  const config = deepMerge(
    {
      aspiredu: { url: sim.url, ...FAST_TIMINGS.aspiredu },
      http: FAST_TIMINGS.http,
      allowInsecureHttp: true,
      state: { dir: join(dir, 'state') },
      source: { type: 'file', files: { students: studentsFile, viewers: viewersFile } },
    },
    options.config ?? {},
  );
  const configFile = writeFile(dir, 'config.json', JSON.stringify(config));
  const settings = loadConfig({ file: configFile, env: { SIS_SYNC_ASPIREDU_TOKEN: sim.token } }).settings;
  const captured = captureLog();
  const store = openState(settings.state.dir);
  writeFile(dir, 'students.csv', studentsCsv([]));
  writeFile(dir, 'viewers.csv', viewersCsv([]));
  return {
    sim,
    dir,
    settings,
    captured,
    store,
    writeStudents: (rows) => writeFile(dir, 'students.csv', studentsCsv(rows)),
    writeViewers: (rows) => writeFile(dir, 'viewers.csv', viewersCsv(rows)),
    async run() {
      const runner = createSyncRunner(settings, store, captured.log);
      try {
        return await runner.run('test');
      } finally {
        await runner.close();
      }
    },
    uploadPosts: () => sim.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/dashboard/upload/')).length,
    async close() {
      store.close();
      await sim.close();
    },
  };
}

export function deepMerge(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const existing = out[key];
    out[key] =
      typeof value === 'object' && value !== null && !Array.isArray(value) && typeof existing === 'object' && existing !== null
        ? deepMerge(existing as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}
