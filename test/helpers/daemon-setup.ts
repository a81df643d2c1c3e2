import { join } from 'node:path';
import { startAspirEduSim, type AspirEduSim } from '../../src/sim/aspiredu/server.js';
import { studentsCsv, tempDir, viewersCsv, writeFile } from './temp.js';

// A district for daemon tests: the AspirEDU simulator on 127.0.0.1, two rows files and a config
// file with fast polling and the health server on a free port.

export const DAEMON_TOKEN = 'tok-DAEMON-7c1e55a9b3';

export interface DaemonSetup {
  sim: AspirEduSim;
  dir: string;
  configFile: string;
  stateDir: string;
  env: Record<string, string>;
}

export async function daemonSetup(config: Record<string, unknown> = {}): Promise<DaemonSetup> {
  const sim = await startAspirEduSim({
    token: DAEMON_TOKEN,
    processingDelayMs: 20,
    students: [{ sisId: 's1' }, { sisId: 's2' }],
    viewers: [{ sisId: 't1' }],
  });
  const dir = tempDir();
  writeFile(
    dir,
    'students.csv',
    studentsCsv([
      ['A', 's1'],
      ['B', 's2'],
      ['B', 's3'],
    ]),
  );
  writeFile(dir, 'viewers.csv', viewersCsv([['A', 't1', false]]));
  const { aspiredu, ...rest } = config as { aspiredu?: Record<string, unknown> };
  const configFile = writeFile(
    dir,
    'sis-sync.json',
    JSON.stringify({
      aspiredu: { url: sim.url, pollIntervalSeconds: 0.05, pollMaxIntervalSeconds: 0.1, ...aspiredu },
      http: { retryMinDelaySeconds: 0.01, retryMaxDelaySeconds: 0.05 },
      allowInsecureHttp: true,
      state: { dir: './state' },
      source: { files: { students: './students.csv', viewers: './viewers.csv' } },
      schedule: { cron: '0 5 * * *', timezone: 'America/Chicago' },
      health: { port: 0 },
      ...rest,
    }),
  );
  return {
    sim,
    dir,
    configFile,
    stateDir: join(dir, 'state'),
    env: { SIS_SYNC_CONFIG: configFile, SIS_SYNC_ASPIREDU_TOKEN: DAEMON_TOKEN },
  };
}
