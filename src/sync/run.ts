import { dirname } from 'node:path';
import type { GuardLimits } from './guard/limits.js';
import { describeError, RunTimeoutError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { asStateError } from '../state/state-errors.js';
import type { StateStore } from '../state/store.js';
import type { DecisionVia } from '../state/holds.js';
import { isoNow, type Clock } from '../util/clock.js';
import { packBatches, type BatchLimits } from './batch.js';
import { decideGuard, type GuardControls, type GuardDecision } from './guard/decide.js';
import { evaluateGuard } from './guard/evaluate.js';
import type { GuardFinding } from '../desired/guard-findings.js';
import { heldChangesOf } from './guard/held-plan.js';
import { planAgainstState } from './plan-against-state.js';
import type { Plan } from './plan.js';
import type { MembershipSource, SourceResult } from '../desired/ports.js';
import type { UploadOutcome } from './record.js';
import type { UploadPipeline } from './upload-pipeline.js';

// One run, start to end: finish what a previous process left in flight → read the source →
// plan against the snapshots → guard → upload what changed → record the run. Nothing is
// uploaded unless the source was read in full and the guard let the plan through.

export interface SyncRunOptions {
  source: MembershipSource;
  store: StateStore;
  pipeline: UploadPipeline;
  clock: Clock;
  log: Logger;
  limits: BatchLimits;
  guard: GuardLimits;
  keepHistoryRuns: number;
  retryMissingAfterMs: number;
}

export interface RunControls extends GuardControls {
  /** Plan only these dashboards (dashboardKeyString); the rest are left alone. For rollback. */
  scope?: ReadonlySet<string>;
  /** Upload these dashboards even when unchanged (dashboardKeyString). For drift reconciliation. */
  forceUpload?: ReadonlySet<string>;
}

export type RunOutcomeKind = 'success' | 'failed' | 'held';

export interface GuardReport {
  findings: GuardFinding[];
  decision: GuardDecision['kind'];
  /** Who approved or overrode the guard, and how (the CLI or a link in the held digest). */
  by?: string;
  via?: DecisionVia;
  /** The held run (this one, or an earlier one held with the same plan). */
  heldRunId?: number;
  /** The same plan as an open hold: nobody needs telling again. */
  repeat?: boolean;
  /** `approve` of a plan that changed since: what differs. */
  planChanged?: string[];
  /** Holds released because the plan no longer trips the guard. */
  releasedHolds?: number[];
}

export interface RunReport {
  runId: number;
  /** What started the run: once, schedule, approve, rollback, reconcile, demo ... */
  trigger: string;
  outcome: RunOutcomeKind;
  /** Uploads left by an earlier process, settled first. */
  resumed: UploadOutcome[];
  plan: Plan | undefined;
  guard: GuardReport | undefined;
  uploads: UploadOutcome[];
  /** One sentence per thing that went wrong. */
  problems: string[];
  sourceWarnings: string[];
  /** Who member ids are, when the source knows (for digests). */
  people: SourceResult['people'];
}

/** A run's report before anything happened: it succeeds unless a step says otherwise. */
export function newRunReport(runId: number, trigger: string): RunReport {
  return {
    runId,
    trigger,
    outcome: 'success',
    resumed: [],
    plan: undefined,
    guard: undefined,
    uploads: [],
    problems: [],
    sourceWarnings: [],
    people: undefined,
  };
}

export async function runSync(
  options: SyncRunOptions,
  trigger: string,
  signal?: AbortSignal,
  controls: RunControls = {},
): Promise<RunReport> {
  try {
    return await runSteps(options, trigger, signal, controls);
  } catch (error) {
    // A full disk or a damaged database mid-run: say which directory and what to do.
    throw asStateError(error, dirname(options.store.db.name));
  }
}

async function runSteps(
  options: SyncRunOptions,
  trigger: string,
  signal: AbortSignal | undefined,
  controls: RunControls,
): Promise<RunReport> {
  const { store, clock, source } = options;
  const interrupted = store.runs.markInterrupted(isoNow(clock));
  const runId = store.runs.start(trigger, isoNow(clock));
  const log = options.log.child({ runId });
  if (interrupted > 0) log.warn({ event: 'run.interrupted_found', count: interrupted }, 'A previous run was interrupted');
  log.info({ event: 'run.started', trigger, source: source.description }, 'Run started');
  const report = newRunReport(runId, trigger);

  try {
    const resumed = await options.pipeline.resume(signal);
    report.resumed = resumed.outcomes;
    report.problems.push(...resumed.problems);
    if (resumed.stillInFlight) return finish(options, report, log);

    signal?.throwIfAborted();
    const loaded = await source.load(signal);
    // A read that ended after a stop request (or past the run's bound) goes no further.
    signal?.throwIfAborted();
    report.sourceWarnings = loaded.warnings;
    report.people = loaded.people;
    for (const warning of loaded.warnings) log.warn({ event: 'source.warning', warning }, 'Source warning');
    log.info({ event: 'source.loaded', dashboards: loaded.desired.size, ...loaded.stats }, 'Source read');

    // Loaded once for the plan and the guard.
    const snapshots = store.snapshots.all(loaded.desired);
    const plan = planAgainstState(loaded, store, clock.now(), options.retryMissingAfterMs, controls, snapshots);
    report.plan = plan;
    const { byAction, ...counts } = plan.totals;
    log.info({ event: 'plan.computed', ...counts, ...byAction }, 'Plan computed');

    const findings = evaluateGuard(plan, loaded, store, options.guard, snapshots);
    const decision = store.transaction(() => decideGuard(store, runId, findings, heldChangesOf(plan), controls, isoNow(clock)));
    report.guard = guardReport(findings, decision);
    logGuardDecision(log, report.guard);
    if (decision.kind === 'hold') return finish(options, report, log);

    acceptRead(store, loaded, runId, isoNow(clock));
    const batches = packBatches(plan.changes, options.limits);
    const uploaded = await options.pipeline.uploadAll(batches, runId, signal);
    report.uploads = uploaded.outcomes;
    report.problems.push(...uploaded.problems);
    store.history.prune(options.keepHistoryRuns);
    return finish(options, report, log);
  } catch (error) {
    report.outcome = 'failed';
    // A run past sync.runTimeoutMinutes failed; one stopped by a signal was interrupted, and the
    // next run (or start) finishes what it left in flight.
    const timedOut = signal?.aborted === true && signal.reason instanceof RunTimeoutError;
    const interruptedNow = signal?.aborted === true && !timedOut;
    const cause = timedOut ? signal.reason : error;
    store.runs.finish(
      runId,
      interruptedNow ? 'interrupted' : 'failed',
      isoNow(clock),
      summaryOf(report),
      describeError(asStateError(cause, dirname(store.db.name))),
    );
    if (timedOut) log.error({ event: 'run.timed_out', err: error, limitMinutes: (cause as RunTimeoutError).limitMinutes }, 'Run timed out');
    else
      log.error(
        { event: interruptedNow ? 'run.interrupted' : 'run.failed', err: error },
        interruptedNow ? 'Run interrupted' : 'Run failed',
      );
    throw cause;
  }
}

/** A read the guard let through becomes the baseline for the next run's sanity checks. */
function acceptRead(store: StateStore, loaded: SourceResult, runId: number, at: string): void {
  store.transaction(() => {
    if (loaded.people) store.people.replace(loaded.people);
    if (loaded.census) store.people.saveCensus(loaded.census, runId, at);
  });
}

function guardReport(findings: GuardFinding[], decision: GuardDecision): GuardReport {
  switch (decision.kind) {
    case 'proceed':
      return { findings, decision: decision.kind, releasedHolds: decision.released.map((h) => h.runId) };
    case 'overridden':
      return { findings, decision: decision.kind, by: decision.by };
    case 'approved':
      return { findings, decision: decision.kind, by: decision.by, via: decision.via, heldRunId: decision.hold.runId };
    case 'hold':
      return {
        findings,
        decision: decision.kind,
        heldRunId: decision.hold.runId,
        repeat: decision.repeat,
        planChanged: decision.planChanged,
      };
  }
}

function logGuardDecision(log: Logger, guard: GuardReport): void {
  const findings = guard.findings.map((f) => f.message);
  if (guard.decision === 'hold') {
    log.error(
      { event: 'run.held', heldRunId: guard.heldRunId, repeat: guard.repeat, findings, planChanged: guard.planChanged },
      'Run held by the safety guard; nothing uploaded',
    );
  } else if (guard.decision === 'overridden') {
    log.warn({ event: 'guard.overridden', by: guard.by, findings }, 'Safety guard overridden for this run (--allow-deletes)');
  } else if (guard.decision === 'approved') {
    log.warn({ event: 'guard.approved', by: guard.by, via: guard.via, heldRunId: guard.heldRunId, findings }, 'Held plan approved');
  } else if (guard.releasedHolds?.length) {
    log.info({ event: 'hold.released', holds: guard.releasedHolds }, 'Held runs released: the plan no longer trips the guard');
  }
}

function finish(options: SyncRunOptions, report: RunReport, log: Logger): RunReport {
  report.outcome = report.guard?.decision === 'hold' ? 'held' : report.problems.length > 0 ? 'failed' : 'success';
  const summary = summaryOf(report);
  const problem = report.outcome === 'held' ? report.guard?.findings.map((f) => f.message).join('\n') : report.problems.join('\n');
  options.store.runs.finish(report.runId, report.outcome, isoNow(options.clock), summary, problem || undefined);
  if (report.outcome === 'success') log.info({ event: 'run.finished', outcome: report.outcome, ...summary.counts }, 'Run finished');
  else
    log.error(
      { event: 'run.finished', outcome: report.outcome, ...summary.counts, problems: report.problems },
      'Run finished with problems',
    );
  return report;
}

export interface RunSummary {
  counts: {
    dashboardsChanged: number;
    added: number;
    removed: number;
    uploads: number;
    resumed: number;
    missingUsers: number;
    errors: number;
  };
  problems: string[];
  guard?: { decision: GuardDecision['kind']; by?: string; heldRunId?: number; findings: string[] };
}

export function summaryOf(report: RunReport): RunSummary {
  const all = [...report.resumed, ...report.uploads];
  const guard = report.guard;
  return {
    counts: {
      dashboardsChanged: report.plan?.totals.toUpload ?? 0,
      added: report.plan?.totals.added ?? 0,
      removed: report.plan?.totals.removed ?? 0,
      uploads: report.uploads.length,
      resumed: report.resumed.length,
      missingUsers: new Set(all.flatMap((u) => u.missing.map((id) => `${u.dataType}:${id}`))).size,
      errors: all.filter((u) => u.error !== undefined).length,
    },
    problems: report.problems,
    ...(guard && guard.findings.length > 0
      ? {
          guard: {
            decision: guard.decision,
            ...(guard.by ? { by: guard.by } : {}),
            ...(guard.heldRunId ? { heldRunId: guard.heldRunId } : {}),
            findings: guard.findings.map((f) => f.message),
          },
        }
      : {}),
  };
}
