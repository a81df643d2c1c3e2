import type { Settings } from '../config/settings.js';
import type { Logger } from '../log/logger.js';
import type { StateStore } from '../state/store.js';
import type { MembershipSource } from '../sync/ports.js';
import type { RunControls, RunReport } from '../sync/run.js';
import type { PipelineResult } from '../sync/upload-pipeline.js';
import { createSyncRunner, type SyncRunner } from '../cli/wiring.js';
import type { Clock } from '../util/clock.js';
import { systemClock } from '../util/clock.js';
import {
  configuredExpiries,
  credentialWarnings,
  logCredentialWarnings,
  type CredentialExpiry,
  type CredentialWarning,
} from './credential-expiry.js';

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

export type RunCycleResult = ({ kind: 'report'; report: RunReport } | { kind: 'error'; error: unknown }) & {
  /** Credentials that expire soon or have expired, already logged; for the digest. */
  credentialWarnings: CredentialWarning[];
};

export async function runCycle(options: RunCycleOptions): Promise<RunCycleResult> {
  const clock = options.clock ?? systemClock;
  let runner: SyncRunner;
  try {
    runner = createSyncRunner(options.settings, options.store, options.log, clock, options.source);
  } catch (error) {
    return { kind: 'error', error, credentialWarnings: checkCredentials(options, clock, []) };
  }
  try {
    const report = await runner.run(options.trigger, options.signal, options.controls);
    return { kind: 'report', report, credentialWarnings: checkCredentials(options, clock, runner.credentialExpiries()) };
  } catch (error) {
    return { kind: 'error', error, credentialWarnings: checkCredentials(options, clock, runner.credentialExpiries()) };
  } finally {
    await runner.close();
  }
}

/** The daemon's first step on start: settle uploads a previous process left in flight. */
export async function resumeCycle(options: Omit<RunCycleOptions, 'trigger'>): Promise<PipelineResult> {
  const runner = createSyncRunner(options.settings, options.store, options.log, options.clock ?? systemClock);
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
