import { AspirEduClient } from '../aspiredu/client.js';
import { isCredentialExpirySource, type CredentialExpiry } from '../desired/credentials.js';
import { requireSettings } from '../config/load.js';
import type { Settings } from '../config/settings.js';
import { retryPolicyFrom } from '../http/retry-settings.js';
import type { Logger } from '../log/logger.js';
import { sourceModuleFor } from '../sources/registry.js';
import type { StateStore } from '../state/store.js';
import type { MembershipSource } from '../desired/ports.js';
import { resumeInFlight } from '../sync/resume-in-flight.js';
import { UploadPipeline, type PipelineResult } from '../sync/upload-pipeline.js';
import { UploadPoller } from '../sync/upload-poller.js';
import { runSync, type RunControls, type RunReport } from '../sync/run.js';
import { UploadSender } from '../sync/upload-sender.js';
import { systemClock, type Clock } from '../util/clock.js';
import { noProgress, type ProgressReporter } from '../util/progress.js';

// Builds the parts of a run from the settings. The one place where configuration meets code.

export function createAspirEduClient(settings: Settings, log: Logger, clock: Clock = systemClock): AspirEduClient {
  requireSettings(settings, ['aspiredu.url', 'aspiredu.token']);
  return new AspirEduClient({
    url: settings.aspiredu.url,
    token: settings.aspiredu.token,
    account: settings.aspiredu.account,
    timeoutMs: settings.aspiredu.requestTimeoutSeconds * 1000,
    retry: retryPolicyFrom(settings),
    log,
    clock,
  });
}

/** The configured source of memberships; throws ConfigError when its settings are incomplete. */
export function createSource(settings: Settings, log: Logger, progress: ProgressReporter = noProgress): MembershipSource {
  return sourceModuleFor(settings.source.type).create(settings, log, progress);
}

export interface SyncRunner {
  run(trigger: string, signal?: AbortSignal, controls?: RunControls): Promise<RunReport>;
  /** Only finishes the uploads a previous process left in flight; reads no source. */
  resume(signal?: AbortSignal): Promise<PipelineResult>;
  /** Expiry dates the source learnt while running (e.g. an OAuth token's), for warnings. */
  credentialExpiries(): readonly CredentialExpiry[];
  close(): Promise<void>;
}

/** `source` replaces the configured one (a rollback restores from history instead); `progress` is shown on a terminal. */
export function createSyncRunner(
  settings: Settings,
  store: StateStore,
  log: Logger,
  clock: Clock = systemClock,
  configuredSource?: MembershipSource,
  progress: ProgressReporter = noProgress,
): SyncRunner {
  const source = configuredSource ?? createSource(settings, log, progress);
  const api = createAspirEduClient(settings, log, clock);
  const retry = retryPolicyFrom(settings);
  const placeholderId = settings.sync.emptyPlaceholderId;
  const clockSkewMs = settings.sync.clockSkewSeconds * 1000;
  const sender = new UploadSender({ api, store, clock, log, retry, placeholderId, format: settings.aspiredu.uploadFormat, clockSkewMs });
  const poller = new UploadPoller({
    api,
    store,
    clock,
    log,
    intervalMs: settings.aspiredu.pollIntervalSeconds * 1000,
    maxIntervalMs: settings.aspiredu.pollMaxIntervalSeconds * 1000,
    timeoutMs: settings.aspiredu.pollTimeoutMinutes * 60_000,
    progress,
  });
  const pipeline = new UploadPipeline({ api, store, clock, log, sender, poller, placeholderId, clockSkewMs });
  const limits = { maxRowsPerUpload: settings.sync.maxRowsPerUpload, maxDashboardsPerUpload: settings.sync.maxDashboardsPerUpload };
  const options = {
    source,
    store,
    pipeline,
    clock,
    log,
    limits,
    guard: settings.guard,
    keepHistoryRuns: settings.history.keepRuns,
    retryMissingAfterMs: settings.sync.retryMissingAfterHours * 3_600_000,
  };
  return {
    run: (trigger, signal, controls) => runSync(options, trigger, signal, controls),
    resume: (signal) => resumeInFlight({ store, pipeline, clock, log }, signal),
    credentialExpiries: () => (isCredentialExpirySource(source) ? source.credentialExpiries() : []),
    close: () => api.close(),
  };
}
