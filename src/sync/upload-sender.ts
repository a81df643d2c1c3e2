import { createHash } from 'node:crypto';
import { ApiError } from '../errors.js';
import { withRetry, type RetryPolicy } from '../http/retry.js';
import type { Logger } from '../log/logger.js';
import type { StateStore } from '../state/store.js';
import type { UploadRecord } from '../state/uploads.js';
import { isoNow, type Clock } from '../util/clock.js';
import { batchRows, type UploadBatch } from './batch.js';
import type { UploadApi } from './upload-api.js';
import { findInterruptedUpload } from './find-interrupted.js';

// Sends one batch as a `contained` upload. The intent is written to the state store before the
// POST, and the upload id right after it, so that a kill at any point leaves a trace the next
// run can follow. After a POST that may have reached AspirEDU, nothing is sent again before
// AspirEDU's upload list has been read and shows no such upload.

export interface UploadSenderOptions {
  api: UploadApi;
  store: StateStore;
  clock: Clock;
  log: Logger;
  retry: RetryPolicy;
  placeholderId: string;
  format: 'json' | 'csv';
  clockSkewMs: number;
}

export class UploadSender {
  constructor(private readonly options: UploadSenderOptions) {}

  async send(batch: UploadBatch, runId: number, signal?: AbortSignal): Promise<UploadRecord> {
    const { api, store, clock, log } = this.options;
    const rows = batchRows(batch, this.options.placeholderId);
    const intentAt = isoNow(clock);
    const uploadId = store.uploads.insertIntent({
      runId,
      account: batch.account,
      dataType: batch.dataType,
      idField: batch.idField,
      dashboards: batch.dashboards,
      rowCount: rows.length,
      contentHash: createHash('sha256').update(JSON.stringify(rows)).digest('hex'),
      intentAt,
      placeholderId: this.options.placeholderId,
    });
    const context = { uploadId, dataType: batch.dataType, account: batch.account, dashboards: batch.dashboards.length, rows: rows.length };

    // Set once an attempt may have created the upload: from then on every attempt looks in
    // AspirEDU's list first, and a failure to look is retried as a look, never as a POST.
    let mayExist = false;
    let created;
    try {
      created = await withRetry(
        async () => {
          if (mayExist) {
            const found = await findInterruptedUpload(api, store, {
              dataType: batch.dataType,
              account: batch.account,
              intentAt,
              clockSkewMs: this.options.clockSkewMs,
            });
            if (found) {
              log.warn(
                { event: 'upload.adopted', ...context, apiId: found.id },
                "Upload answer was lost; found the upload in AspirEDU's list",
              );
              return found;
            }
          }
          try {
            return await api.createUpload({
              dataType: batch.dataType,
              policy: 'contained',
              idField: batch.idField,
              rows,
              format: this.options.format,
              account: batch.account,
            });
          } catch (error) {
            if (mayHaveCreated(error)) mayExist = true;
            throw error;
          }
        },
        {
          policy: this.options.retry,
          clock,
          ...(signal ? { signal } : {}),
          shouldRetry: (error) => error instanceof ApiError && error.retryable,
          // The client sends the POST once; this is the request's only retry budget (http.maxRetries).
          onRetry: ({ attempt, delayMs, error }) =>
            log.warn(
              {
                event: 'http.retry',
                service: 'AspirEDU',
                method: 'POST',
                ...context,
                attempt,
                delayMs,
                status: (error as ApiError).status,
                reason: (error as Error).message,
              },
              'Retrying HTTP request',
            ),
        },
      );
    } catch (error) {
      // Certainly not created by any attempt (refused, or never sent): the intent is closed.
      // Otherwise it stays "sending", and the next run looks for it before planning.
      if (!mayExist) store.uploads.markAbandoned(uploadId, isoNow(clock), (error as Error).message);
      throw error;
    }

    store.uploads.markCreated(uploadId, created.id, created.status, created.created);
    log.info({ event: 'upload.created', ...context, apiId: created.id, status: created.status }, 'Upload created');
    return store.uploads.get(uploadId) as UploadRecord;
  }
}

/** A failed POST may have created the upload unless AspirEDU refused it (4xx) or it was never sent. */
function mayHaveCreated(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  if (!error.mayHaveReachedServer) return false;
  return error.status === undefined || error.status < 400 || error.status >= 500;
}
