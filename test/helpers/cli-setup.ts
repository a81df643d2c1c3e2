import { join } from 'node:path';
import { afterEach } from 'vitest';
import { startAspirEduSim, type AspirEduSim, type AspirEduSimOptions } from '../../src/sim/aspiredu/server.js';
import { deepMerge } from './harness.js';
import { studentsCsv, tempDir, viewersCsv, writeFile } from './temp.js';

// What the CLI tests start from: the AspirEDU simulator on 127.0.0.1, rows files, and a config
// file the child process reads through SIS_SYNC_CONFIG, with the token in the environment.
// Simulators started here are closed after each test.

export interface CliSetupOptions {
  sim?: AspirEduSimOptions;
  students?: Array<[string, string]>;
  /** Viewer rows; without them, no viewers file is configured. */
  viewers?: Array<[string, string, boolean]>;
  /** Merged into the config file. */
  config?: Record<string, unknown>;
}

export interface CliSetup {
  sim: AspirEduSim;
  dir: string;
  stateDir: string;
  configFile: string;
  /** SIS_SYNC_CONFIG and the token: what a child process needs. */
  env: Record<string, string>;
  writeStudents(rows: Array<[string, string]>): void;
  writeViewers(rows: Array<[string, string, boolean]>): void;
}

const started: AspirEduSim[] = [];

afterEach(async () => {
  for (const sim of started.splice(0)) await sim.close();
});

export async function cliSetup(options: CliSetupOptions = {}): Promise<CliSetup> {
  const sim = await startAspirEduSim({ processingDelayMs: 5, ...options.sim });
  started.push(sim);
  const dir = tempDir();
  const writeStudents = (rows: Array<[string, string]>) => writeFile(dir, 'students.csv', studentsCsv(rows));
  const writeViewers = (rows: Array<[string, string, boolean]>) => writeFile(dir, 'viewers.csv', viewersCsv(rows));
  writeStudents(options.students ?? []);
  if (options.viewers) writeViewers(options.viewers);
  const config = deepMerge(
    {
      aspiredu: { url: sim.url, pollIntervalSeconds: 0.02, pollMaxIntervalSeconds: 0.1 },
      http: { retryMinDelaySeconds: 0.01, retryMaxDelaySeconds: 0.05 },
      allowInsecureHttp: true,
      state: { dir: './state' },
      source: { files: { students: './students.csv', ...(options.viewers ? { viewers: './viewers.csv' } : {}) } },
    },
    options.config ?? {},
  );
  const configFile = writeFile(dir, 'sis-sync.json', JSON.stringify(config));
  return {
    sim,
    dir,
    stateDir: join(dir, 'state'),
    configFile,
    env: { SIS_SYNC_CONFIG: configFile, SIS_SYNC_ASPIREDU_TOKEN: sim.token },
    writeStudents,
    writeViewers,
  };
}

/**
 * The smallest config file for a rows-file source (students.csv, and viewers.csv when asked)
 * and an AspirEDU that is never called: for commands that read files and talk to no server.
 */
export function offlineConfigFile(dir: string, options: { viewers?: boolean } = {}): string {
  const files = { students: './students.csv', ...(options.viewers ? { viewers: './viewers.csv' } : {}) };
  return writeFile(
    dir,
    'sis-sync.json',
    JSON.stringify({ aspiredu: { url: 'https://example.invalid' }, state: { dir: './state' }, source: { files } }),
  );
}
