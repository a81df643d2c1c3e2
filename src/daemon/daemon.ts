import { configuredExpiries, credentialWarnings, logCredentialWarnings } from '../app/credential-expiry.js';
import { driftCycle, type DriftCycleOptions } from '../app/drift-cycle.js';
import { resumeCycle, runCycle, type RunCycleResult } from '../app/run-cycle.js';
import { createAspirEduClient, createSource } from '../app/wiring.js';
import type { Settings } from '../config/settings.js';
import { ConfigError, describeError, exitCodeFor, EXIT, SisSyncError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { acquireStateLock, type StateLock } from '../state/lock.js';
import { openState, type StateStore } from '../state/store.js';
import { isoNow, systemClock, type Clock } from '../util/clock.js';
import { parseBlackouts } from '../util/blackout.js';
import { createCronMatcher, type CronMatcher } from '../util/cron-matcher.js';
import { assessHealth, isStuck, type HealthReport } from './health.js';
import { startHealthServer, type HealthServer } from './health-server.js';
import { DaemonMetrics, type RunOutcomeLabel } from './metrics.js';
import { RunQueue } from './run-queue.js';
import { Scheduler } from './scheduler.js';
import { SlotTracker } from './slot-tracker.js';
import { minuteTicker, type Ticker } from './ticker.js';
import { systemTimeZone } from '../util/wall-clock.js';
import { ApprovalWeb } from './web/approval-web.js';
import { APPROVE_TRIGGER } from '../app/approve-held.js';

// `sis-sync run`: one long-lived process per state directory. On start it takes the state lock
// for its whole life, finishes uploads a previous process left in flight, then runs on the
// schedule; runs never overlap. Stopping aborts the run at its next safe point (between polls,
// between uploads), records it as interrupted, and releases everything.

export interface DaemonOptions {
  settings: Settings;
  log: Logger;
  clock?: Clock;
  /** What wakes the scheduler; node-cron every minute unless a test drives it. */
  ticker?: Ticker;
}

const RESUME = 'resume';
const DRIFT = 'drift';

export class Daemon {
  readonly timeZone: string;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly abort = new AbortController();
  private readonly startedAt: number;
  private lock: StateLock | undefined;
  private store: StateStore | undefined;
  private matcher: CronMatcher | undefined;
  private driftMatcher: CronMatcher | undefined;
  private metrics: DaemonMetrics | undefined;
  private scheduler: Scheduler | undefined;
  /** The drift check's own schedule (drift.cron), when set. */
  private driftScheduler: Scheduler | undefined;
  private queue: RunQueue | undefined;
  private ticker: Ticker | undefined;
  private server: HealthServer | undefined;
  /** The approval page (web.publicUrl set). */
  private web: ApprovalWeb | undefined;
  private stopping = false;
  private closed = false;

  constructor(private readonly options: DaemonOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log.child({ component: 'daemon' });
    this.timeZone = options.settings.schedule.timezone || systemTimeZone();
    this.startedAt = this.clock.now();
  }

  /** The approval page server's address, once started (undefined when web.publicUrl is empty). */
  get webUrl(): string | undefined {
    return this.web?.url;
  }

  /** The health server's address, once started (undefined when disabled). */
  get healthUrl(): string | undefined {
    return this.server?.url;
  }

  async start(): Promise<void> {
    const { settings } = this.options;
    // Everything a run needs is checked now, before anything is scheduled: a bad setting
    // stops the daemon at start (exit 2), not at 5 a.m.
    createSource(settings, this.options.log);
    await createAspirEduClient(settings, this.log, this.clock).close();
    this.matcher = createCronMatcher(settings.schedule.cron);

    this.lock = acquireStateLock(settings.state.dir, 'run');
    try {
      await this.startHoldingLock();
    } catch (error) {
      this.close();
      throw error;
    }
  }

  private async startHoldingLock(): Promise<void> {
    const { settings } = this.options;
    const lock = this.lock as StateLock;
    if (lock.staleOwner) {
      this.log.warn({ event: 'daemon.stale_lock', previous: lock.staleOwner }, 'Took over the lock of a process that is gone');
    }
    const store = (this.store = openState(settings.state.dir));
    this.metrics = new DaemonMetrics(store, () =>
      isStuck({
        nowMs: this.clock.now(),
        running: this.queue?.running ?? false,
        runningSinceMs: this.queue?.runningSince,
        runBoundMs: this.runBoundMs,
      }),
    );
    this.queue = new RunQueue((trigger) => this.runJob(trigger), this.clock, this.log);

    const lastScheduled = store.runs.recent(200).find((r) => r.trigger === 'schedule');
    const tracker = new SlotTracker(
      (this.matcher as CronMatcher).matches,
      this.timeZone,
      this.startedAt,
      lastScheduled ? Date.parse(lastScheduled.startedAt) : undefined,
    );
    this.scheduler = new Scheduler({
      tracker,
      blackouts: parseBlackouts(settings.schedule.blackout),
      timeZone: this.timeZone,
      clock: this.clock,
      log: this.log,
      requestRun: (trigger) => this.queue?.request(trigger),
    });

    if (settings.drift.cron) {
      const driftMatcher = createCronMatcher(settings.drift.cron);
      this.driftMatcher = driftMatcher;
      this.driftScheduler = new Scheduler({
        tracker: new SlotTracker(driftMatcher.matches, this.timeZone, this.startedAt, undefined),
        blackouts: parseBlackouts(settings.schedule.blackout),
        timeZone: this.timeZone,
        clock: this.clock,
        log: this.log,
        requestRun: () => this.queue?.request(DRIFT),
      });
    }

    if (settings.health.enabled) this.server = await this.startServer();
    if (settings.web.publicUrl) {
      this.web = await ApprovalWeb.start({
        settings,
        store,
        log: this.log,
        clock: this.clock,
        timeZone: this.timeZone,
        requestApprovalRun: () => {
          if (this.stopping || !this.queue) return false;
          this.queue.request(APPROVE_TRIGGER);
          return true;
        },
      });
    }
    const configured = configuredExpiries(settings);
    this.metrics.credentialsKnown(configured);
    logCredentialWarnings(this.log, credentialWarnings(configured, this.clock.now(), settings.credentials.warnDays));

    const blackout = this.scheduler.blackoutNow();
    this.log.info(
      {
        event: 'daemon.started',
        schedule: settings.schedule.cron,
        timezone: this.timeZone,
        nextRun: this.scheduler.nextRun(),
        ...(this.driftScheduler ? { nextDriftCheck: this.driftScheduler.nextRun() } : {}),
        health: this.server?.url,
        ...(this.web ? { web: this.web.url } : {}),
        ...(blackout ? { blackout: blackout.text } : {}),
      },
      'Daemon started',
    );
    this.queue.request(RESUME);
    if (settings.schedule.runOnStart) {
      if (blackout) this.log.warn({ event: 'schedule.blackout', window: blackout.text }, 'Run on start skipped: blackout window');
      else this.queue.request('start');
    }
    this.ticker = this.options.ticker ?? minuteTicker(this.log);
    this.ticker.start(() => {
      this.scheduler?.tick();
      this.driftScheduler?.tick();
    });
  }

  private get runBoundMs(): number {
    return this.options.settings.sync.runTimeoutMinutes * 60_000;
  }

  health(): HealthReport {
    const last = this.store?.db.open ? this.store.runs.recent(1)[0] : undefined;
    const blackout = this.scheduler?.blackoutNow();
    return assessHealth({
      nowMs: this.clock.now(),
      startedAtMs: this.startedAt,
      stopping: this.stopping,
      lastTickAtMs: this.scheduler?.lastTickAt,
      lastDueAtMs: this.scheduler?.lastDueAt,
      running: this.queue?.running ?? false,
      runningSinceMs: this.queue?.runningSince,
      runBoundMs: this.runBoundMs,
      lastRun: last
        ? { id: last.id, startedAtMs: Date.parse(last.startedAt), outcome: last.outcome, finishedAt: last.finishedAt }
        : undefined,
      nextRun: this.scheduler?.nextRun(),
      blackout: blackout?.text,
    });
  }

  /**
   * Stops taking new work, asks the run in progress to stop at its next safe point, and waits
   * for it up to `daemon.shutdownGraceSeconds`. Resolves once state is written and released.
   */
  async stop(reason: string): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const graceMs = this.options.settings.daemon.shutdownGraceSeconds * 1000;
    this.log.info({ event: 'daemon.stopping', reason, running: this.queue?.running ?? false, graceMs }, 'Daemon stopping');
    this.ticker?.stop();
    this.queue?.close();
    this.abort.abort(
      new SisSyncError(`sis-sync was asked to stop (${reason}) before the run ended`, {
        code: 'STOPPED',
        hint: 'The next start finishes polling what was in flight.',
      }),
    );
    // The grace timer is cancelled once the run has ended, so that it holds the process no longer.
    const grace = new AbortController();
    const ended = await Promise.race([
      (this.queue?.idle() ?? Promise.resolve()).then(() => true),
      this.clock.sleep(graceMs, grace.signal).then(
        () => false,
        () => true,
      ),
    ]);
    grace.abort();
    if (!ended) {
      this.log.warn(
        { event: 'daemon.stop_timeout', graceMs },
        'The current step did not end within the grace period; stopping anyway (the next start resumes it)',
      );
    }
    await this.server?.close();
    await this.web?.close();
    this.close();
    this.log.info({ event: 'daemon.stopped', reason }, 'Daemon stopped');
  }

  /** At once (a second signal): runs still going are recorded as interrupted, the lock released. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ticker?.stop();
    if (this.store?.db.open) {
      const interrupted = this.store.runs.markInterrupted(isoNow(this.clock));
      if (interrupted > 0) this.log.warn({ event: 'run.interrupted', count: interrupted }, 'Run recorded as interrupted');
    }
    this.store?.close();
    this.matcher?.dispose();
    this.driftMatcher?.dispose();
    this.lock?.release();
  }

  private async startServer(): Promise<HealthServer> {
    const { host, port } = this.options.settings.health;
    const metrics = this.metrics as DaemonMetrics;
    try {
      return await startHealthServer({
        host,
        port,
        health: () => this.health(),
        metrics: async () => ({ contentType: metrics.contentType, text: await metrics.text() }),
      });
    } catch (error) {
      throw new ConfigError(`Cannot serve health checks on ${host}:${port}: ${(error as Error).message}`, {
        code: 'CONFIG_HEALTH_LISTEN',
        key: 'health.port',
        hint: 'Another program uses that port, or the address is not on this machine; change health.port or health.host (or set health.enabled: false).',
        cause: error,
      });
    }
  }

  private async runJob(trigger: string): Promise<void> {
    const metrics = this.metrics as DaemonMetrics;
    const store = this.store as StateStore;
    const common = { settings: this.options.settings, store, log: this.log, clock: this.clock, signal: this.abort.signal };
    metrics.runStarted();
    if (trigger === RESUME) {
      try {
        metrics.uploadsEnded((await resumeCycle(common)).outcomes);
      } catch (error) {
        if (!this.abort.signal.aborted)
          this.log.error({ event: 'resume.failed', err: error }, 'Could not finish the uploads left in flight');
      } finally {
        metrics.workEnded();
      }
      return;
    }
    if (trigger === DRIFT) {
      await this.driftJob(common);
      return;
    }
    if (trigger === APPROVE_TRIGGER && this.web) {
      // One approval from the page per run, with the controls `sis-sync approve` uses.
      const ran = await this.web.runNextApproval(async (controls) => {
        const started = this.clock.now();
        const result = await runCycle({ ...common, trigger, controls });
        this.recordRun(trigger, result, started);
        return result;
      });
      if (!ran) metrics.workEnded();
      return;
    }
    const started = this.clock.now();
    const result = await runCycle({ ...common, trigger });
    this.recordRun(trigger, result, started);
  }

  /** The scheduled drift check; a reconciling run it starts counts as a run. */
  private async driftJob(common: DriftCycleOptions): Promise<void> {
    const started = this.clock.now();
    try {
      const { reconcile } = await driftCycle(common);
      if (reconcile) this.recordRun('reconcile', reconcile, started);
      else (this.metrics as DaemonMetrics).workEnded();
    } catch (error) {
      (this.metrics as DaemonMetrics).workEnded();
      if (!this.abort.signal.aborted) this.log.error({ event: 'drift.failed', err: error }, 'The drift check could not complete');
    }
  }

  private recordRun(trigger: string, result: RunCycleResult, started: number): void {
    const metrics = this.metrics as DaemonMetrics;
    const outcome = this.outcomeOf(result);
    metrics.runEnded(outcome, started, this.clock.now());
    if (result.kind === 'report') metrics.uploadsEnded([...result.report.resumed, ...result.report.uploads]);
    metrics.credentialsKnown(result.credentialWarnings);
    if (result.kind === 'error' && outcome !== 'interrupted') {
      this.log.error(
        { event: 'daemon.run_error', trigger, code: (result.error as SisSyncError).code, reason: describeError(result.error) },
        'The run could not complete',
      );
    }
  }

  private outcomeOf(result: RunCycleResult): RunOutcomeLabel {
    if (result.kind === 'report') return result.report.outcome;
    if (this.abort.signal.aborted) return 'interrupted';
    return exitCodeFor(result.error) === EXIT.held ? 'held' : 'failed';
  }
}
