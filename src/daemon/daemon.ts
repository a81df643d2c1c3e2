import { configuredExpiries, credentialWarnings, logCredentialWarnings } from '../app/credential-expiry.js';
import { driftCycle, type DriftCycleOptions } from '../app/drift-cycle.js';
import { resumeCycle, runCycle, type RunCycleResult } from '../app/run-cycle.js';
import { createAspirEduClient, createSource } from '../app/wiring.js';
import type { Settings } from '../config/settings.js';
import { ConfigError, describeError, exitCodeFor, EXIT, SisSyncError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { acquireStateLock } from '../state/lock.js';
import { openState, type StateStore } from '../state/store.js';
import { isoNow, systemClock, type Clock } from '../util/clock.js';
import { parseBlackouts } from '../util/blackout.js';
import { createCronMatcher } from '../util/cron-matcher.js';
import { assessHealth, isStuck, type HealthReport } from './health.js';
import { startHealthServer, type HealthServer } from './health-server.js';
import { DaemonMetrics, type RunOutcomeLabel } from './metrics.js';
import { RunQueue } from './run-queue.js';
import { Scheduler } from './scheduler.js';
import { SlotTracker } from './slot-tracker.js';
import { minuteTicker, type Ticker } from './ticker.js';
import { systemTimeZone } from '../util/wall-clock.js';
import { ApprovalWeb } from './web/approval-web.js';
import { ReleaseStack } from './release-stack.js';
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

/**
 * The parts of a started daemon its methods use, filled in as start() makes each, in this order.
 * Each part that holds something (the cron matchers and the lock too) is also kept in a
 * ReleaseStack, which close() empties at whatever point it comes.
 */
interface Running {
  store?: StateStore;
  metrics?: DaemonMetrics;
  queue?: RunQueue;
  scheduler?: Scheduler;
  /** The drift check's own schedule (drift.cron), when set. */
  driftScheduler?: Scheduler;
  server?: HealthServer;
  /** The approval page (web.publicUrl set). */
  web?: ApprovalWeb;
  ticker?: Ticker;
}

export class Daemon {
  readonly timeZone: string;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly abort = new AbortController();
  private readonly startedAt: number;
  private readonly running: Running = {};
  private readonly parts = new ReleaseStack();
  private stopping = false;

  constructor(private readonly options: DaemonOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log.child({ component: 'daemon' });
    this.timeZone = options.settings.schedule.timezone || systemTimeZone();
    this.startedAt = this.clock.now();
  }

  /** The approval page server's address, once started (undefined when web.publicUrl is empty). */
  get webUrl(): string | undefined {
    return this.running.web?.url;
  }

  /** The health server's address, once started (undefined when disabled). */
  get healthUrl(): string | undefined {
    return this.running.server?.url;
  }

  async start(): Promise<void> {
    const { settings } = this.options;
    // Everything a run needs is checked now, before anything is scheduled: a bad setting
    // stops the daemon at start (exit 2), not at 5 a.m.
    createSource(settings, this.options.log);
    await createAspirEduClient(settings, this.log, this.clock).close();
    if (this.parts.closed) return;
    try {
      await this.startParts();
    } catch (error) {
      this.close();
      throw error;
    }
  }

  /** The runs still going are recorded as interrupted before the store closes. */
  private closeStore(store: StateStore): void {
    if (store.db.open) {
      const interrupted = store.runs.markInterrupted(isoNow(this.clock));
      if (interrupted > 0) this.log.warn({ event: 'run.interrupted', count: interrupted }, 'Run recorded as interrupted');
    }
    store.close();
  }

  private async startParts(): Promise<void> {
    const { settings } = this.options;
    const running = this.running;
    const matcher = this.parts.keep(createCronMatcher(settings.schedule.cron), (m) => m.dispose());
    const lock = this.parts.keep(acquireStateLock(settings.state.dir, 'run'), (l) => l.release());
    if (lock.staleOwner) {
      this.log.warn({ event: 'daemon.stale_lock', previous: lock.staleOwner }, 'Took over the lock of a process that is gone');
    }
    const store = (running.store = this.parts.keep(openState(settings.state.dir), (opened) => this.closeStore(opened)));
    const metrics = (running.metrics = new DaemonMetrics(store, () =>
      isStuck({
        nowMs: this.clock.now(),
        running: this.running.queue?.running ?? false,
        runningSinceMs: this.running.queue?.runningSince,
        runBoundMs: this.runBoundMs,
      }),
    ));
    const queue = (running.queue = this.parts.keep(new RunQueue((trigger) => this.runJob(trigger), this.clock, this.log), (q) =>
      q.close(),
    ));

    const lastScheduled = store.runs.recent(200).find((r) => r.trigger === 'schedule');
    const tracker = new SlotTracker(
      matcher.matches,
      this.timeZone,
      this.startedAt,
      lastScheduled ? Date.parse(lastScheduled.startedAt) : undefined,
    );
    const scheduler = (running.scheduler = new Scheduler({
      tracker,
      blackouts: parseBlackouts(settings.schedule.blackout),
      timeZone: this.timeZone,
      clock: this.clock,
      log: this.log,
      requestRun: (trigger) => this.running.queue?.request(trigger),
    }));

    if (settings.drift.cron) {
      const driftMatcher = this.parts.keep(createCronMatcher(settings.drift.cron), (m) => m.dispose());
      running.driftScheduler = new Scheduler({
        tracker: new SlotTracker(driftMatcher.matches, this.timeZone, this.startedAt, undefined),
        blackouts: parseBlackouts(settings.schedule.blackout),
        timeZone: this.timeZone,
        clock: this.clock,
        log: this.log,
        requestRun: () => this.running.queue?.request(DRIFT),
      });
    }

    if (settings.health.enabled) {
      running.server = this.parts.keep(await this.startServer(metrics), (server) => server.close());
      if (this.parts.closed) return;
    }
    if (settings.web.publicUrl) {
      running.web = this.parts.keep(
        await ApprovalWeb.start({
          settings,
          store,
          log: this.log,
          clock: this.clock,
          timeZone: this.timeZone,
          requestApprovalRun: () => {
            if (this.stopping || this.parts.closed) return false;
            queue.request(APPROVE_TRIGGER);
            return true;
          },
        }),
        (web) => web.close(),
      );
      if (this.parts.closed) return;
    }
    const configured = configuredExpiries(settings);
    metrics.credentialsKnown(configured);
    logCredentialWarnings(this.log, credentialWarnings(configured, this.clock.now(), settings.credentials.warnDays));

    const blackout = scheduler.blackoutNow();
    this.log.info(
      {
        event: 'daemon.started',
        schedule: settings.schedule.cron,
        timezone: this.timeZone,
        nextRun: scheduler.nextRun(),
        ...(running.driftScheduler ? { nextDriftCheck: running.driftScheduler.nextRun() } : {}),
        health: running.server?.url,
        ...(running.web ? { web: running.web.url } : {}),
        ...(blackout ? { blackout: blackout.text } : {}),
      },
      'Daemon started',
    );
    queue.request(RESUME);
    if (settings.schedule.runOnStart) {
      if (blackout) this.log.warn({ event: 'schedule.blackout', window: blackout.text }, 'Run on start skipped: blackout window');
      else queue.request('start');
    }
    const ticker = (running.ticker = this.parts.keep(this.options.ticker ?? minuteTicker(this.log), (t) => t.stop()));
    ticker.start(() => {
      this.running.scheduler?.tick();
      this.running.driftScheduler?.tick();
    });
  }

  private get runBoundMs(): number {
    return this.options.settings.sync.runTimeoutMinutes * 60_000;
  }

  health(): HealthReport {
    const { store, scheduler, queue } = this.running;
    const last = store?.db.open ? store.runs.recent(1)[0] : undefined;
    const blackout = scheduler?.blackoutNow();
    return assessHealth({
      nowMs: this.clock.now(),
      startedAtMs: this.startedAt,
      stopping: this.stopping,
      lastTickAtMs: scheduler?.lastTickAt,
      lastDueAtMs: scheduler?.lastDueAt,
      running: queue?.running ?? false,
      runningSinceMs: queue?.runningSince,
      runBoundMs: this.runBoundMs,
      lastRun: last
        ? { id: last.id, startedAtMs: Date.parse(last.startedAt), outcome: last.outcome, finishedAt: last.finishedAt }
        : undefined,
      nextRun: scheduler?.nextRun(),
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
    const { queue, ticker } = this.running;
    this.log.info({ event: 'daemon.stopping', reason, running: queue?.running ?? false, graceMs }, 'Daemon stopping');
    ticker?.stop();
    queue?.close();
    this.abort.abort(
      new SisSyncError(`sis-sync was asked to stop (${reason}) before the run ended`, {
        code: 'STOPPED',
        hint: 'The next start finishes polling what was in flight.',
      }),
    );
    // The grace timer is cancelled once the run has ended, so that it holds the process no longer.
    const grace = new AbortController();
    const ended = await Promise.race([
      (queue?.idle() ?? Promise.resolve()).then(() => true),
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
    // The pages stop answering before the state closes under them (closing them again is a no-op).
    await this.running.server?.close();
    await this.running.web?.close();
    await this.parts.close();
    this.log.info({ event: 'daemon.stopped', reason }, 'Daemon stopped');
  }

  /**
   * At once (a second signal, a failed start), at any point of start or stop: runs still going
   * are recorded as interrupted, the servers stop listening, the lock is released.
   */
  close(): void {
    void this.parts.close();
  }

  private async startServer(metrics: DaemonMetrics): Promise<HealthServer> {
    const { host, port } = this.options.settings.health;
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
    const metrics = this.running.metrics as DaemonMetrics;
    const store = this.running.store as StateStore;
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
    if (trigger === APPROVE_TRIGGER && this.running.web) {
      // One approval from the page per run, with the controls `sis-sync approve` uses.
      const ran = await this.running.web.runNextApproval(async (controls) => {
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
      else (this.running.metrics as DaemonMetrics).workEnded();
    } catch (error) {
      (this.running.metrics as DaemonMetrics).workEnded();
      if (!this.abort.signal.aborted) this.log.error({ event: 'drift.failed', err: error }, 'The drift check could not complete');
    }
  }

  private recordRun(trigger: string, result: RunCycleResult, started: number): void {
    const metrics = this.running.metrics as DaemonMetrics;
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
