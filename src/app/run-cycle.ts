import type { Settings } from '../config/settings.js';
import type { Logger } from '../log/logger.js';
import { createNotifier } from '../notify/notifier.js';
import type { NotifyRunOutcome } from '../notify/run-outcome.js';
import type { StateStore } from '../state/store.js';
import type { MembershipSource } from '../desired/ports.js';
import type { RunControls, RunReport } from '../sync/run.js';
import type { PipelineResult } from '../sync/upload-pipeline.js';
import { createSyncRunner, type SyncRunner } from './wiring.js';
import type { Clock } from '../util/clock.js';
import { isoNow, systemClock } from '../util/clock.js';
import { describeError, type RunTimeoutError } from '../errors.js';
import type { ProgressReporter } from '../util/progress.js';
import { withinRunBound } from './run-bound.js';
import { configuredExpiries, credentialWarnings, logCredentialWarnings } from './credential-expiry.js';
import type { CredentialExpiry, CredentialWarning } from '../desired/credentials.js';
import { reviewLinkMaker } from './approval-link/held-links.js';
import { heldRunOf } from './held-run-of.js';

// One cycle as every entry point runs it (`once`, the daemon, the demo, approve, rollback):
// the sync run, then the credential check and the digest, whatever the run's outcome. Keeping
// it in one place means a scheduled run and a manual one behave the same.

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
  /** How long a run past its bound has to stop by itself; RUN_STOP_GRACE_MS unless a test says. */
  runStopGraceMs?: number;
  /** Pages read and uploads waited for, for a terminal. */
  progress?: ProgressReporter;
}

export type RunCycleResult = ({ kind: 'report'; report: RunReport } | { kind: 'error'; error: unknown }) & {
  /** Credentials that expire soon or have expired, already logged and handed to the digest. */
  credentialWarnings: CredentialWarning[];
};

export async function runCycle(options: RunCycleOptions): Promise<RunCycleResult> {
  const clock = options.clock ?? systemClock;
  // Built first: half-configured mail is a configuration error, found before anything is uploaded.
  const notifier = createNotifier(
    options.settings,
    options.store,
    options.log,
    clock,
    reviewLinkMaker(options.settings, options.store, clock),
  );
  const lastRunBefore = options.store.runs.recent(1)[0]?.id ?? 0;
  let runner: SyncRunner;
  try {
    runner = createSyncRunner(options.settings, options.store, options.log, clock, options.source, options.progress);
  } catch (error) {
    return { kind: 'error', error, credentialWarnings: checkCredentials(options, clock, []) };
  }
  let result: RunCycleResult;
  try {
    const report = await withinRunBound(
      {
        limitMinutes: options.settings.sync.runTimeoutMinutes,
        signal: options.signal,
        ...(options.runStopGraceMs !== undefined ? { graceMs: options.runStopGraceMs } : {}),
        onAbandoned: (error) => recordAbandoned(options, clock, lastRunBefore, error),
      },
      (signal) => runner.run(options.trigger, signal, options.controls),
    );
    result = { kind: 'report', report, credentialWarnings: checkCredentials(options, clock, runner.credentialExpiries()) };
  } catch (error) {
    result = { kind: 'error', error, credentialWarnings: checkCredentials(options, clock, runner.credentialExpiries()) };
  } finally {
    // A run left behind may still hold a connection open: closing must not hold the caller too.
    await Promise.race([runner.close(), new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
  }
  // A run stopped by a shutdown is not news: the run that finishes its work reports it.
  if (!options.signal?.aborted) {
    await notifier.afterRun(notifyOutcomeOf(result), runIdOf(result, options.store, lastRunBefore), result.credentialWarnings);
  }
  return result;
}

/** How long closing the runner's connections may take before the cycle goes on without it. */
const CLOSE_WAIT_MS = 10_000;

/** The run did not stop when told: it is recorded as failed now, so that it is never left "running". */
function recordAbandoned(options: RunCycleOptions, clock: Clock, lastRunBefore: number, error: RunTimeoutError): void {
  const run = options.store.runs.recent(1)[0];
  if (!run || run.id <= lastRunBefore || run.outcome !== 'running') return;
  options.store.runs.finish(run.id, 'failed', isoNow(clock), null, describeError(error));
  options.log.error(
    { event: 'run.timed_out', runId: run.id, limitMinutes: error.limitMinutes, abandoned: true },
    'Run timed out and did not stop when told; recorded as failed and left behind',
  );
}

/** The daemon's first step on start: settle uploads a previous process left in flight. */
export async function resumeCycle(options: Omit<RunCycleOptions, 'trigger'>): Promise<PipelineResult> {
  const runner = createSyncRunner(options.settings, options.store, options.log, options.clock ?? systemClock, undefined, options.progress);
  try {
    return await runner.resume(options.signal);
  } finally {
    await runner.close();
  }
}

function checkCredentials(options: RunCycleOptions, clock: Clock, reported: readonly CredentialExpiry[]): CredentialWarning[] {
  const warnings = credentialWarnings(
    [...configuredExpiries(options.settings), ...reported],
    clock.now(),
    options.settings.credentials.warnDays,
  );
  logCredentialWarnings(options.log, warnings);
  return warnings;
}

function notifyOutcomeOf(result: RunCycleResult): NotifyRunOutcome {
  if (result.kind === 'report' && result.report.outcome === 'held') return { kind: 'held', held: heldRunOf(result.report) };
  return result.kind === 'report' ? { kind: 'report', report: result.report } : { kind: 'error', error: result.error };
}

/** A run that threw carries no report; its id is the one the run recorded when it started. */
function runIdOf(result: RunCycleResult, store: StateStore, lastRunBefore: number): number | undefined {
  if (result.kind === 'report') return result.report.runId;
  const newest = store.runs.recent(1)[0]?.id;
  return newest !== undefined && newest > lastRunBefore ? newest : undefined;
}
