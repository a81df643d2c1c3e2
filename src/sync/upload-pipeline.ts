import type { Logger } from '../log/logger.js';
import type { StateStore } from '../state/store.js';
import type { UploadRecord } from '../state/uploads.js';
import { isoNow, type Clock } from '../util/clock.js';
import type { UploadBatch } from './batch.js';
import { findInterruptedUpload } from './find-interrupted.js';
import type { UploadApi } from './upload-api.js';
import { recordUploadEnd, type UploadOutcome } from './record.js';
import type { UploadPoller } from './upload-poller.js';
import type { UploadSender } from './upload-sender.js';
import { placeholderKnownError, refuseKnownPlaceholder } from './placeholder-check.js';

// Upload → poll → record, one upload at a time: the API reference asks that no two clearing
// uploads run at once. Also finishes what a previous process left in flight.

export interface PipelineResult {
  outcomes: UploadOutcome[];
  /** One sentence per upload that did not end well. */
  problems: string[];
  /** An upload is still processing in AspirEDU; nothing else may be uploaded until it ends. */
  stillInFlight: boolean;
}

export interface UploadPipelineOptions {
  api: UploadApi;
  store: StateStore;
  clock: Clock;
  log: Logger;
  sender: UploadSender;
  poller: UploadPoller;
  placeholderId: string;
  clockSkewMs: number;
}

export class UploadPipeline {
  constructor(private readonly options: UploadPipelineOptions) {}

  /** Settles uploads left "sending" or "polling" by a process that was stopped or killed. */
  async resume(signal?: AbortSignal): Promise<PipelineResult> {
    const { api, store, clock, log } = this.options;
    const result: PipelineResult = { outcomes: [], problems: [], stillInFlight: false };
    for (let upload of store.uploads.inFlight()) {
      if (upload.phase === 'sending') {
        const found = await findInterruptedUpload(api, store, { ...upload, clockSkewMs: this.options.clockSkewMs });
        if (!found) {
          store.uploads.markAbandoned(upload.id, isoNow(clock), 'Interrupted before AspirEDU received it');
          log.warn(
            { event: 'upload.abandoned', uploadId: upload.id },
            'Interrupted upload never reached AspirEDU; its dashboards will be planned again',
          );
          continue;
        }
        store.uploads.markCreated(upload.id, found.id, found.status, found.created);
        log.warn({ event: 'upload.adopted', uploadId: upload.id, apiId: found.id }, "Interrupted upload found in AspirEDU's list");
        upload = store.uploads.get(upload.id) as UploadRecord;
      }
      log.info({ event: 'upload.resumed', uploadId: upload.id, apiId: upload.apiId }, 'Resuming an upload left in flight');
      const stop = await this.settle(upload, result, 0, signal);
      if (stop) break;
    }
    return result;
  }

  /** Sends the batches in order; stops early only when an upload outlives its poll timeout. */
  async uploadAll(batches: readonly UploadBatch[], runId: number, signal?: AbortSignal): Promise<PipelineResult> {
    const result: PipelineResult = { outcomes: [], problems: [], stillInFlight: false };
    refuseKnownPlaceholder(this.options.store, this.options.placeholderId, batches);
    for (const batch of batches) {
      // A stop request ends the run between uploads: nothing new is sent after it.
      signal?.throwIfAborted();
      const upload = await this.options.sender.send(batch, runId, signal);
      const stop = await this.settle(upload, result, undefined, signal);
      if (stop) break;
    }
    return result;
  }

  /** Polls one upload to its end and records it. Returns true when the caller must stop. */
  private async settle(
    upload: UploadRecord,
    result: PipelineResult,
    firstDelayMs: number | undefined,
    signal?: AbortSignal,
  ): Promise<boolean> {
    const { store, clock, log } = this.options;
    const polled = await this.options.poller.waitForEnd(upload, {
      ...(firstDelayMs !== undefined ? { firstDelayMs } : {}),
      ...(signal ? { signal } : {}),
    });
    if (polled.kind === 'ended') {
      const outcome = recordUploadEnd(store, upload, polled.detail, this.options.placeholderId, isoNow(clock), log);
      result.outcomes.push(outcome);
      const placeholderHeld = outcome.placeholderHeld ?? [];
      if (placeholderHeld.length > 0) {
        // Every later emptying upload would put the same user on more dashboards: stop here.
        throw placeholderKnownError(
          this.options.placeholderId,
          `upload ${outcome.apiId} meant to empty ${placeholderHeld.length} ${outcome.dataType} dashboard(s) (${placeholderHeld.slice(0, 5).join(', ')}${placeholderHeld.length > 5 ? ', …' : ''}) and ended "${outcome.status}" without reporting it missing, so they now hold that user instead of nobody`,
        );
      }
      if (outcome.error !== undefined) {
        result.problems.push(
          `Upload ${outcome.apiId} (${outcome.dataType}, ${outcome.dashboards.length} dashboards) ended in error: ${outcome.error}`,
        );
      }
      return false;
    }
    if (polled.kind === 'lost') {
      store.uploads.markAbandoned(upload.id, isoNow(clock), polled.error.message);
      log.error({ event: 'upload.lost', uploadId: upload.id, apiId: upload.apiId }, 'AspirEDU no longer knows this upload');
      result.problems.push(`Upload ${upload.apiId} is unknown to AspirEDU (404); its dashboards will be uploaded again next run`);
      return false;
    }
    const minutes = Math.round(polled.waitedMs / 60_000);
    log.error(
      { event: 'upload.timeout', uploadId: upload.id, apiId: upload.apiId, waitedMs: polled.waitedMs },
      'Upload still processing at the poll timeout',
    );
    result.problems.push(
      `Upload ${upload.apiId} was still processing after ${minutes} minutes; the next run resumes polling it before uploading anything else`,
    );
    result.stillInFlight = true;
    return true;
  }
}
