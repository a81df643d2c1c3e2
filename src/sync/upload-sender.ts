import { createHash } from 'node:crypto';
import { ApiError } from '../errors.js';
import { withRetry, type RetryPolicy } from '../http/retry.js';
import type { Logger } from '../log/logger.js';
import type { StateStore } from '../state/store.js';
import type { UploadRecord } from '../state/uploads.js';
import { isoNow, type Clock } from '../util/clock.js';
import { batchRows, type UploadBatch } from './batch.js';
import type { UploadApi } from './ports.js';
import { findInterruptedUpload } from './find-interrupted.js';

// Sends one batch as a `contained` upload. The intent is written to the state store before the
// POST, and the upload id right after it, so that a kill at any point leaves a trace the next
// run can follow. A POST that may have reached AspirEDU is not sent again before looking at
// AspirEDU's upload list for it.

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
    });
    const context = { uploadId, dataType: batch.dataType, account: batch.account, dashboards: batch.dashboards.length, rows: rows.length };

    let created;
    try {
      created = await withRetry(
        async () => {
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
            if (!(error instanceof ApiError) || !error.mayHaveReachedServer || !error.retryable) throw error;
            const found = await findInterruptedUpload(api, store, {
              dataType: batch.dataType,
              account: batch.account,
              intentAt,
              clockSkewMs: this.options.clockSkewMs,
            });
            if (found) {
              log.warn(
                { event: 'upload.adopted', ...context, apiId: found.id, reason: error.message },
                "Upload answer was lost; found the upload in AspirEDU's list",
              );
              return found;
            }
            throw error;
          }
        },
        {
          policy: this.options.retry,
          clock,
          ...(signal ? { signal } : {}),
          shouldRetry: (error) => error instanceof ApiError && error.retryable,
        },
      );
    } catch (error) {
      // Certainly not created (a 4xx): the intent is closed. Otherwise it stays "sending" and
      // the next run looks for it again before planning.
      if (!(error instanceof ApiError) || !error.mayHaveReachedServer || !error.retryable) {
        store.uploads.markAbandoned(uploadId, isoNow(clock), (error as Error).message);
      }
      throw error;
    }

    store.uploads.markCreated(uploadId, created.id, created.status, created.created);
    log.info({ event: 'upload.created', ...context, apiId: created.id, status: created.status }, 'Upload created');
    return store.uploads.get(uploadId) as UploadRecord;
  }
}
