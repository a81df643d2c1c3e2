import { isFinalStatus, type UploadDetail } from '../aspiredu/types.js';
import { ApiError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { StateStore } from '../state/store.js';
import type { UploadRecord } from '../state/uploads.js';
import { isoNow, type Clock } from '../util/clock.js';
import { noProgress, type ProgressReporter } from '../util/progress.js';
import type { UploadApi } from './upload-api.js';

// Polls one upload until AspirEDU says it ended. The API asks for a few minutes between polls,
// so waits start at `intervalMs` and grow by half each time up to `maxIntervalMs`. A poll that
// fails for a passing reason (5xx, network) is not the end: polling goes on until the deadline.

export type PollResult =
  | { kind: 'ended'; detail: UploadDetail }
  | { kind: 'timeout'; waitedMs: number }
  /** AspirEDU answered 404: it has no such upload (any more). */
  | { kind: 'lost'; error: ApiError };

export interface UploadPollerOptions {
  api: UploadApi;
  store: StateStore;
  clock: Clock;
  log: Logger;
  intervalMs: number;
  maxIntervalMs: number;
  timeoutMs: number;
  /** Told before each wait, so that a terminal can show which upload is waited for and until when. */
  progress?: ProgressReporter;
}

const BACKOFF_FACTOR = 1.5;

export class UploadPoller {
  constructor(private readonly options: UploadPollerOptions) {}

  /** `firstDelayMs`: 0 when resuming an upload that has been processing for a while already. */
  async waitForEnd(upload: UploadRecord, options: { firstDelayMs?: number; signal?: AbortSignal } = {}): Promise<PollResult> {
    const { api, store, clock, log } = this.options;
    const apiId = upload.apiId as string;
    const started = clock.now();
    const deadline = started + this.options.timeoutMs;
    let delay = options.firstDelayMs ?? this.options.intervalMs;
    let nextInterval = this.options.intervalMs;
    const progress = this.options.progress ?? noProgress;
    let status: string | undefined;
    for (;;) {
      const wait = Math.max(0, Math.min(delay, deadline - clock.now()));
      if (wait > 0) {
        const { dataType, dashboardCount: dashboards } = upload;
        progress.uploadWaiting({ apiId, dataType, dashboards, since: started, nextPollAt: clock.now() + wait, status });
        await clock.sleep(wait, options.signal).finally(() => progress.idle());
      }
      try {
        const detail = await api.getUpload(apiId);
        status = detail.status;
        store.uploads.markPolled(upload.id, detail.status, isoNow(clock));
        log.debug({ event: 'upload.polled', uploadId: upload.id, apiId, status: detail.status }, 'Upload polled');
        if (isFinalStatus(detail.status)) return { kind: 'ended', detail };
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return { kind: 'lost', error };
        if (!(error instanceof ApiError) || !error.retryable) throw error;
        log.warn({ event: 'upload.poll_failed', uploadId: upload.id, apiId, reason: error.message }, 'Polling failed; will poll again');
      }
      if (clock.now() >= deadline) return { kind: 'timeout', waitedMs: clock.now() - started };
      delay = nextInterval;
      nextInterval = Math.min(nextInterval * BACKOFF_FACTOR, this.options.maxIntervalMs);
    }
  }
}
