import type { Settings } from '../config/settings.js';
import type { Logger } from '../log/logger.js';
import { createNotifier } from '../notify/notifier.js';
import type { NotifyRunOutcome } from '../notify/run-outcome.js';
import type { StateStore } from '../state/store.js';
import type { MembershipSource } from '../sync/ports.js';
import type { RunControls, RunReport } from '../sync/run.js';
import { createSyncRunner } from '../cli/wiring.js';
import type { Clock } from '../util/clock.js';
import { systemClock } from '../util/clock.js';
import { heldRunOf } from './held-run-of.js';

// One cycle as every entry point runs it (`once`, the daemon, the demo, approve, rollback):
// the sync run, then the digest, whatever the run's outcome. Keeping it in one place means a
// scheduled run and a manual one behave the same.

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
  const clock = options.clock ?? systemClock;
  // Built first: half-configured mail is a configuration error, found before anything is uploaded.
  const notifier = createNotifier(options.settings, options.store, options.log, clock);
  const lastRunBefore = options.store.runs.recent(1)[0]?.id ?? 0;
  const runner = createSyncRunner(options.settings, options.store, options.log, clock, options.source);
  let result: RunCycleResult;
  try {
    result = { kind: 'report', report: await runner.run(options.trigger, options.signal, options.controls) };
  } catch (error) {
    result = { kind: 'error', error };
  } finally {
    await runner.close();
  }
  // A run stopped by a shutdown is not news: the run that finishes its work reports it.
  if (!options.signal?.aborted) await notifier.afterRun(notifyOutcomeOf(result), runIdOf(result, options.store, lastRunBefore));
  return result;
}

function notifyOutcomeOf(result: RunCycleResult): NotifyRunOutcome {
  if (result.kind === 'report' && result.report.outcome === 'held') return { kind: 'held', held: heldRunOf(result.report) };
  return result;
}

/** A run that threw carries no report; its id is the one the run recorded when it started. */
function runIdOf(result: RunCycleResult, store: StateStore, lastRunBefore: number): number | undefined {
  if (result.kind === 'report') return result.report.runId;
  const newest = store.runs.recent(1)[0]?.id;
  return newest !== undefined && newest > lastRunBefore ? newest : undefined;
}
