import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { isSuccessStatus } from '../aspiredu/types.js';
import type { CredentialExpiry } from '../desired/credentials.js';
import type { StateStore } from '../state/store.js';
import type { UploadOutcome } from '../sync/record.js';

// What `/metrics` serves, in Prometheus text format. Counters start at zero with each process
// (Prometheus' rate() copes with that); the last success time and missing users come from the
// state store, so they survive a restart.

export type RunOutcomeLabel = 'success' | 'failed' | 'held' | 'interrupted';

// Runs take seconds to an hour or more (polling waits minutes between polls).
const DURATION_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200];

export class DaemonMetrics {
  readonly registry = new Registry();
  private readonly runs: Counter<'outcome'>;
  private readonly uploads: Counter<'status'>;
  private readonly rows: Counter;
  private readonly duration: Histogram;
  private readonly lastSuccess: Gauge;
  private readonly lastRun: Gauge;
  private readonly running: Gauge;
  private readonly lastTick: Gauge;
  private readonly credentialExpiry: Gauge<'credential'>;

  constructor(store: StateStore, stuck: () => boolean = () => false) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.runs = new Counter({ name: 'sis_sync_runs_total', help: 'Runs ended, by outcome', labelNames: ['outcome'], registers });
    for (const outcome of ['success', 'failed', 'held', 'interrupted'] satisfies RunOutcomeLabel[]) this.runs.inc({ outcome }, 0);
    this.uploads = new Counter({
      name: 'sis_sync_uploads_total',
      help: "Uploads ended, by AspirEDU's final status",
      labelNames: ['status'],
      registers,
    });
    this.rows = new Counter({ name: 'sis_sync_rows_uploaded_total', help: 'Rows in uploads that ended in a success status', registers });
    this.duration = new Histogram({
      name: 'sis_sync_run_duration_seconds',
      help: 'How long runs took, in seconds',
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.lastSuccess = new Gauge({
      name: 'sis_sync_last_success_timestamp_seconds',
      help: 'When the last successful run ended (Unix time); 0 if none yet',
      registers,
    });
    this.lastRun = new Gauge({ name: 'sis_sync_last_run_timestamp_seconds', help: 'When the last run ended (Unix time)', registers });
    this.running = new Gauge({ name: 'sis_sync_run_in_progress', help: '1 while a run (or the resume on start) is going', registers });
    this.lastTick = new Gauge({
      name: 'sis_sync_scheduler_last_tick_timestamp_seconds',
      help: 'When the scheduler last woke up (Unix time); it wakes every minute',
      registers,
    });
    this.credentialExpiry = new Gauge({
      name: 'sis_sync_credential_expiry_timestamp_seconds',
      help: 'When a credential with a known expiry stops working (Unix time)',
      labelNames: ['credential'],
      registers,
    });
    new Gauge({
      name: 'sis_sync_missing_users',
      help: 'Users AspirEDU did not know at their last upload and that are not found since, by data type',
      labelNames: ['data_type'],
      registers,
      collect() {
        this.reset();
        this.set({ data_type: 'student' }, 0);
        this.set({ data_type: 'viewer' }, 0);
        if (!store.db.open) return;
        for (const user of store.missingUsers.unresolved()) this.inc({ data_type: user.dataType });
      },
    });
    new Gauge({
      name: 'sis_sync_run_stuck',
      help: '1 while a run has gone on past sync.runTimeoutMinutes and did not stop when told',
      registers,
      collect() {
        this.set(stuck() ? 1 : 0);
      },
    });
    const lastSuccess = store.runs.recent(200).find((r) => r.outcome === 'success' && r.finishedAt);
    this.lastSuccess.set(lastSuccess?.finishedAt ? Date.parse(lastSuccess.finishedAt) / 1000 : 0);
  }

  runStarted(): void {
    this.running.set(1);
  }

  /** The resume on start and a drift check without reconciling are not runs: they only end the "in progress" state. */
  workEnded(): void {
    this.running.set(0);
  }

  runEnded(outcome: RunOutcomeLabel, startedAtMs: number, endedAtMs: number): void {
    this.running.set(0);
    this.runs.inc({ outcome });
    this.duration.observe((endedAtMs - startedAtMs) / 1000);
    this.lastRun.set(endedAtMs / 1000);
    if (outcome === 'success') this.lastSuccess.set(endedAtMs / 1000);
  }

  uploadsEnded(outcomes: readonly UploadOutcome[]): void {
    for (const outcome of outcomes) {
      this.uploads.inc({ status: outcome.status });
      if (isSuccessStatus(outcome.status)) this.rows.inc(outcome.rowCount);
    }
  }

  ticked(atMs: number): void {
    this.lastTick.set(atMs / 1000);
  }

  credentialsKnown(expiries: readonly CredentialExpiry[]): void {
    for (const e of expiries) this.credentialExpiry.set({ credential: e.credential }, e.expiresAt / 1000);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
