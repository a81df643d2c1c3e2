import { approvableHold, approvalControls } from '../../app/approve-held.js';
import type { RunCycleResult } from '../../app/run-cycle.js';
import type { Settings } from '../../config/settings.js';
import { ConfigError, describeError, SisSyncError } from '../../errors.js';
import type { Logger } from '../../log/logger.js';
import type { StateStore } from '../../state/store.js';
import type { RunControls } from '../../sync/run.js';
import type { Clock } from '../../util/clock.js';
import { approvalRoutes } from './approval-routes.js';
import { loadLinkKey } from '../../app/approval-link/link-key.js';
import { AddressRateLimit, DEFAULT_RATE_LIMIT } from './rate-limit.js';
import { startWebServer, type WebServer } from './web-server.js';

// The approval page inside the daemon: its listener, and the approvals it recorded, applied one
// per run of the daemon's queue, so that an approval never overlaps a scheduled run and runs
// under the lock the daemon holds. Approvals wait in the state store: one recorded just before
// a stop is applied after the next start.

export interface ApprovalWebOptions {
  settings: Settings;
  store: StateStore;
  log: Logger;
  clock: Clock;
  timeZone: string;
  /** Asks the daemon's run queue for an approval run; false once the daemon takes no more work. */
  requestApprovalRun(): boolean;
}

export type ApprovalCycle = (controls: RunControls) => Promise<RunCycleResult>;

export class ApprovalWeb {
  private constructor(
    private readonly server: WebServer,
    private readonly options: ApprovalWebOptions,
  ) {}

  static async start(options: ApprovalWebOptions): Promise<ApprovalWeb> {
    const { host, port } = options.settings.web;
    const log = options.log.child({ component: 'web' });
    const routes = approvalRoutes({
      store: options.store,
      key: loadLinkKey(options.settings.state.dir),
      log,
      clock: options.clock,
      district: options.settings.notify.districtName,
      timeZone: options.timeZone,
      limiter: new AddressRateLimit(DEFAULT_RATE_LIMIT, () => options.clock.now()),
      requestApprovalRun: options.requestApprovalRun,
    });
    let server: WebServer;
    try {
      server = await startWebServer(host, port, routes, (error) =>
        log.error({ event: 'web.error', err: error }, 'The approval page could not answer a request'),
      );
    } catch (error) {
      throw new ConfigError(`Cannot serve the approval page on ${host}:${port}: ${(error as Error).message}`, {
        code: 'CONFIG_WEB_LISTEN',
        key: 'web.port',
        hint: 'Another program uses that port, or the address is not on this machine; change web.port or web.host (or empty web.publicUrl).',
        cause: error,
      });
    }
    const web = new ApprovalWeb(server, { ...options, log });
    if (web.pending()) options.requestApprovalRun();
    return web;
  }

  get url(): string {
    return this.server.url;
  }

  pending(): boolean {
    return this.options.store.holdDecisions.unsettledApprovals().length > 0;
  }

  /**
   * Applies the oldest approval waiting, through `cycle` (the daemon's run); asks for another run
   * if more wait. False when no cycle ran (nothing waited, or the hold had closed meanwhile).
   */
  async runNextApproval(cycle: ApprovalCycle): Promise<boolean> {
    const { store, log } = this.options;
    const next = store.holdDecisions.unsettledApprovals()[0];
    if (!next) return false;
    try {
      approvableHold(store, next.runId);
    } catch (error) {
      // Closed meanwhile (a run found the data back to normal, or a restart after this approval ran).
      const hold = store.holds.get(next.runId);
      const applied = hold?.resolution === 'approved' && hold.resolvedVia === 'link' && hold.resolvedBy === next.decidedBy;
      store.holdDecisions.settle(next.id, hold?.resolvedRunId ?? null, applied ? 'success' : describeError(error));
      this.more();
      return false;
    }
    const result = await cycle(approvalControls(next.runId, next.decidedBy, 'link'));
    if (result.kind === 'report') {
      store.holdDecisions.settle(next.id, result.report.runId, result.report.outcome);
      log.info(
        { event: 'web.approval_settled', heldRunId: next.runId, runId: result.report.runId, outcome: result.report.outcome },
        'The approval from the page has run',
      );
    }
    // A run stopped by a shutdown is tried again after the next start.
    else if (!(result.error instanceof SisSyncError && result.error.code === 'STOPPED'))
      store.holdDecisions.settle(next.id, store.runs.recent(1)[0]?.id ?? null, describeError(result.error));
    else log.warn({ event: 'web.approval_deferred', heldRunId: next.runId }, 'The approval run was stopped; it runs after the next start');
    this.more();
    return true;
  }

  async close(): Promise<void> {
    await this.server.close();
  }

  private more(): void {
    if (this.pending()) this.options.requestApprovalRun();
  }
}
