import type { Settings } from '../config/settings.js';
import type { Logger } from '../log/logger.js';
import type { StateStore } from '../state/store.js';
import type { MembershipSource } from '../sync/ports.js';
import type { RunControls, RunReport } from '../sync/run.js';
import { createSyncRunner } from '../cli/wiring.js';
import type { Clock } from '../util/clock.js';
import { systemClock } from '../util/clock.js';

// One cycle as every entry point runs it (`once`, the daemon, the demo): the sync run, then
// what follows a run whatever its outcome. Keeping it in one place means a scheduled run and
// a manual one behave the same.

export interface RunCycleOptions {
  settings: Settings;
  store: StateStore;
  log: Logger;
  trigger: string;
  clock?: Clock;
  signal?: AbortSignal;
  /** Guard overrides and plan scope (approve, --allow-deletes, rollback, reconcile). */
  controls?: RunControls;
  /** Replaces the configured source (rollback). */
  source?: MembershipSource;
}

export type RunCycleResult = { kind: 'report'; report: RunReport } | { kind: 'error'; error: unknown };

export async function runCycle(options: RunCycleOptions): Promise<RunCycleResult> {
  const runner = createSyncRunner(options.settings, options.store, options.log, options.clock ?? systemClock, options.source);
  try {
    return { kind: 'report', report: await runner.run(options.trigger, options.signal, options.controls) };
  } catch (error) {
    return { kind: 'error', error };
  } finally {
    await runner.close();
  }
}
