import { createAspirEduClient } from './wiring.js';
import type { Settings } from '../config/settings.js';
import type { DriftComparison } from '../drift/compare.js';
import { detectDrift } from '../drift/detect.js';
import { driftNewsOf, driftedEntries } from '../drift/drift-news.js';
import type { Logger } from '../log/logger.js';
import { createNotifier } from '../notify/notifier.js';
import type { StateStore } from '../state/store.js';
import { dashboardKeyString } from '../desired/model.js';
import { systemClock, type Clock } from '../util/clock.js';
import { runCycle, type RunCycleResult } from './run-cycle.js';

// The daemon's scheduled drift check (drift.cron): compare AspirEDU with the snapshots, tell
// the notify.drift recipients what changed since the last check, and, with drift.reconcile,
// upload the drifted dashboards again through the same guard as any run.

export interface DriftCycleOptions {
  settings: Settings;
  store: StateStore;
  log: Logger;
  clock?: Clock;
  signal?: AbortSignal;
}

export interface DriftCycleResult {
  comparison: DriftComparison;
  /** The reconciling run, when drift.reconcile is on and something drifted. */
  reconcile?: RunCycleResult;
}

export async function driftCycle(options: DriftCycleOptions): Promise<DriftCycleResult> {
  const { settings, store, log } = options;
  const clock = options.clock ?? systemClock;
  const notifier = createNotifier(settings, store, log, clock);
  const client = createAspirEduClient(settings, log, clock);
  let comparison: DriftComparison;
  try {
    comparison = await detectDrift(client, store, settings.sync.emptyPlaceholderId, settings.aspiredu.account);
  } finally {
    await client.close();
  }
  const drifted = driftedEntries(comparison);
  const reconciling = settings.drift.reconcile && drifted.length > 0;
  log.info(
    {
      event: 'drift.checked',
      drifted: drifted.length,
      unmanaged: comparison.unmanaged.length,
      managed: comparison.entries.length,
      reconciling,
    },
    'Drift checked',
  );
  await notifier.afterDriftCheck(driftNewsOf(comparison, reconciling));
  if (!reconciling) return { comparison };
  const forceUpload = new Set(drifted.map((e) => dashboardKeyString(e)));
  const reconcile = await runCycle({ ...options, trigger: 'reconcile', controls: { forceUpload } });
  return { comparison, reconcile };
}
