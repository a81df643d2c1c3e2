import { join } from 'node:path';
import { createSyncRunner } from '../src/app/wiring.js';
import { silentLogger } from '../src/log/logger.js';
import { createRosterMapper } from '../src/mapping/mapper.js';
import type { Roster } from '../src/roster/roster.js';
import type { AspirEduSim } from '../src/sim/aspiredu/server.js';
import { RosterMembershipSource } from '../src/sources/roster-source.js';
import { openState, type StateStore } from '../src/state/store.js';
import type { RunReport } from '../src/sync/run.js';
import { benchSettings, type BenchSettingsInput } from './fixture.js';
import { median, round } from './stats.js';
import type { ManualClock } from '../src/sim/manual-clock.js';

// sis-sync's own runs for the upload figure: the engine as `sis-sync once` builds it from the
// settings (createSyncRunner: sender, poller with its real defaults, pipeline, guard, state
// store), on simulated time, reading a roster the benchmark already read from PowerSchool.

export interface EngineRunResult {
  outcome: RunReport['outcome'];
  /** Dashboards the plan sent (changed, created, emptied). */
  dashboards: number;
  uploads: number;
  requests: number;
  rows: number;
  simulatedMs: number;
}

export interface EngineRunner {
  /** The engine's settings that decide the figure: sis-sync's defaults. */
  settings: { pollIntervalSeconds: number; pollMaxIntervalSeconds: number; maxRowsPerUpload: number; maxDashboardsPerUpload: number };
  run(roster: Roster): Promise<EngineRunResult>;
  /** Loading every snapshot from the state store, as each run does to plan (ms, median of three). */
  snapshotLoadMs(): number;
  close(): void;
}

export function engineRunner(
  dir: string,
  sim: AspirEduSim,
  clock: ManualClock,
  input: Omit<BenchSettingsInput, 'dir' | 'aspiredu'>,
): EngineRunner {
  const settings = benchSettings({ ...input, dir: join(dir, 'engine'), aspiredu: { url: sim.url, token: sim.token } });
  const log = silentLogger();
  const store: StateStore = openState(settings.state.dir);
  const mapper = createRosterMapper(settings, log);
  return {
    settings: {
      pollIntervalSeconds: settings.aspiredu.pollIntervalSeconds,
      pollMaxIntervalSeconds: settings.aspiredu.pollMaxIntervalSeconds,
      maxRowsPerUpload: settings.sync.maxRowsPerUpload,
      maxDashboardsPerUpload: settings.sync.maxDashboardsPerUpload,
    },
    async run(roster) {
      const source = new RosterMembershipSource({ description: 'the roster read for the benchmark', read: async () => roster }, mapper);
      const runner = createSyncRunner(settings, store, log, clock, source);
      const requestsBefore = sim.requests.length;
      const uploadsBefore = sim.model.uploads.length;
      const started = clock.now();
      try {
        const report = await runner.run('bench');
        return {
          outcome: report.outcome,
          dashboards: report.plan?.totals.toUpload ?? 0,
          uploads: report.uploads.length,
          requests: sim.requests.length - requestsBefore,
          rows: sim.model.uploads.slice(uploadsBefore).reduce((sum, upload) => sum + upload.rows.length, 0),
          simulatedMs: clock.now() - started,
        };
      } finally {
        await runner.close();
      }
    },
    snapshotLoadMs() {
      const times = [0, 1, 2].map(() => {
        const started = performance.now();
        store.snapshots.all();
        return performance.now() - started;
      });
      return round(median(times));
    },
    close: () => store.close(),
  };
}
