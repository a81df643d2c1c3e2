import { describeError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { StateStore } from '../state/store.js';
import { isoNow, type Clock } from '../util/clock.js';
import { packBatches, type BatchLimits } from './batch.js';
import type { Plan } from './plan.js';
import { planAgainstState } from './plan-against-state.js';
import type { MembershipSource, SourceResult } from './ports.js';
import type { UploadOutcome } from './record.js';
import type { UploadPipeline } from './upload-pipeline.js';

// One run, start to end: finish what a previous process left in flight → read the source →
// plan against the snapshots → upload what changed → record the run. Nothing is uploaded
// unless the source was read in full.

export interface SyncRunOptions {
  source: MembershipSource;
  store: StateStore;
  pipeline: UploadPipeline;
  clock: Clock;
  log: Logger;
  limits: BatchLimits;
  retryMissingAfterMs: number;
}

export type RunOutcomeKind = 'success' | 'failed';

export interface RunReport {
  runId: number;
  outcome: RunOutcomeKind;
  /** Uploads left by an earlier process, settled first. */
  resumed: UploadOutcome[];
  plan: Plan | undefined;
  uploads: UploadOutcome[];
  /** One sentence per thing that went wrong. */
  problems: string[];
  sourceWarnings: string[];
  /** Who member ids are, when the source knows (for digests). */
  people: SourceResult['people'];
}

export async function runSync(options: SyncRunOptions, trigger: string, signal?: AbortSignal): Promise<RunReport> {
  const { store, clock, source } = options;
  const interrupted = store.runs.markInterrupted(isoNow(clock));
  const runId = store.runs.start(trigger, isoNow(clock));
  const log = options.log.child({ runId });
  if (interrupted > 0) log.warn({ event: 'run.interrupted_found', count: interrupted }, 'A previous run was interrupted');
  log.info({ event: 'run.started', trigger, source: source.description }, 'Run started');
  const report: RunReport = {
    runId,
    outcome: 'success',
    resumed: [],
    plan: undefined,
    uploads: [],
    problems: [],
    sourceWarnings: [],
    people: undefined,
  };

  try {
    const resumed = await options.pipeline.resume(signal);
    report.resumed = resumed.outcomes;
    report.problems.push(...resumed.problems);
    if (resumed.stillInFlight) return finish(options, report, log);

    signal?.throwIfAborted();
    const loaded = await source.load(signal);
    report.sourceWarnings = loaded.warnings;
    report.people = loaded.people;
    for (const warning of loaded.warnings) log.warn({ event: 'source.warning', warning }, 'Source warning');
    log.info({ event: 'source.loaded', dashboards: loaded.desired.size, ...loaded.stats }, 'Source read');

    const plan = planAgainstState(loaded, store, clock.now(), options.retryMissingAfterMs);
    report.plan = plan;
    const { byAction, ...counts } = plan.totals;
    log.info({ event: 'plan.computed', ...counts, ...byAction }, 'Plan computed');

    const batches = packBatches(plan.changes, options.limits);
    const uploaded = await options.pipeline.uploadAll(batches, runId, signal);
    report.uploads = uploaded.outcomes;
    report.problems.push(...uploaded.problems);
    return finish(options, report, log);
  } catch (error) {
    report.outcome = 'failed';
    const interruptedNow = signal?.aborted === true;
    store.runs.finish(runId, interruptedNow ? 'interrupted' : 'failed', isoNow(clock), summaryOf(report), describeError(error));
    log.error({ event: interruptedNow ? 'run.interrupted' : 'run.failed', err: error }, interruptedNow ? 'Run interrupted' : 'Run failed');
    throw error;
  }
}

function finish(options: SyncRunOptions, report: RunReport, log: Logger): RunReport {
  report.outcome = report.problems.length > 0 ? 'failed' : 'success';
  options.store.runs.finish(
    report.runId,
    report.outcome,
    isoNow(options.clock),
    summaryOf(report),
    report.problems.join('\n') || undefined,
  );
  const summary = summaryOf(report);
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
}

export function summaryOf(report: RunReport): RunSummary {
  const all = [...report.resumed, ...report.uploads];
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
  };
}
