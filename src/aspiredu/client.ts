import { FormData } from 'undici';
import type { Logger } from '../log/logger.js';
import { HttpService, type HttpResponse } from '../http/http-service.js';
import type { RetryPolicy } from '../http/retry.js';
import type { Clock } from '../util/clock.js';
import { describeAspirEduError } from './error-body.js';
import { rowsToCsv } from './rows-csv.js';
import { dashboardMemberSchema, dashboardSchema, pageSchema, parseResponse, uploadDetailSchema, uploadSummarySchema } from './schemas.js';
import type {
  ClearExistingPolicy,
  Dashboard,
  DashboardMember,
  UploadDetail,
  UploadListFilters,
  UploadRow,
  UploadSummary,
} from './types.js';
import type { DataType, IdField } from '../desired/data-types.js';

// The AspirEDU v2 API (seeds 000 and 001): uploads (create, detail, list) and dashboards with
// their students and viewers. Paged lists are async iterators that follow `next` to the end.

export interface AspirEduClientOptions {
  url: string;
  token: string;
  /** Default subaccount for every call (`account` query parameter); a call may name another. */
  account?: string;
  timeoutMs: number;
  retry: RetryPolicy;
  log: Logger;
  clock?: Clock;
}

export interface CreateUploadInput {
  dataType: DataType;
  policy: ClearExistingPolicy;
  /** The id column the rows use; all rows of one upload use the same one. */
  idField: IdField;
  rows: readonly UploadRow[];
  format: 'json' | 'csv';
  account?: string;
}

const UPLOADS = 'detective/api/v2/dashboard/upload/';
const DASHBOARDS = 'detective/api/v2/dashboard/';

export class AspirEduClient {
  private readonly http: HttpService;
  private readonly account: string;

  constructor(options: AspirEduClientOptions) {
    this.account = options.account ?? '';
    this.http = new HttpService({
      service: 'AspirEDU',
      errorKind: 'aspiredu',
      baseUrl: options.url,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      log: options.log,
      ...(options.clock ? { clock: options.clock } : {}),
      connections: 2,
      authHeaders: () => ({ authorization: `Bearer ${options.token}` }),
      describeErrorBody: describeAspirEduError,
    });
  }

  /**
   * Creates an upload in one attempt, never retried here: the caller (UploadSender) owns the
   * one retry budget of this request, because only it can look in AspirEDU's upload list before
   * sending again. When the POST may have reached AspirEDU (a 5xx, a dropped connection), the
   * ApiError says so (`mayHaveReachedServer`).
   */
  async createUpload(input: CreateUploadInput): Promise<UploadSummary> {
    const query = { account: input.account ?? this.account };
    let response: HttpResponse;
    if (input.format === 'csv') {
      const form = new FormData();
      form.set('data_type', input.dataType);
      form.set('clear_existing_policy', input.policy);
      const csv = rowsToCsv(input.dataType, input.idField, input.rows);
      form.set('file', new Blob([csv], { type: 'text/csv; charset=utf-8' }), `${input.dataType}s.csv`);
      response = await this.http.send({ method: 'POST', path: UPLOADS, query, body: form });
    } else {
      const json = { data_type: input.dataType, clear_existing_policy: input.policy, data: input.rows };
      response = await this.http.send({ method: 'POST', path: UPLOADS, query, json });
    }
    return parseResponse(uploadSummarySchema, response.json, 'the new upload') as UploadSummary;
  }

  async getUpload(id: string): Promise<UploadDetail> {
    const response = await this.http.request({ method: 'GET', path: `${UPLOADS}${encodeURIComponent(id)}/` });
    return parseResponse(uploadDetailSchema, response.json, `upload ${id}`) as UploadDetail;
  }

  /** Uploads, newest first, following the cursor to the end (or until the caller stops). */
  async *listUploads(filters: UploadListFilters = {}): AsyncGenerator<UploadSummary> {
    const query = {
      status: filters.status,
      clear_existing_policy: filters.clear_existing_policy,
      data_type: filters.data_type,
      upload_type: filters.upload_type,
      account: filters.account ?? this.account,
    };
    yield* this.paginate(UPLOADS, query, uploadSummarySchema, 'the upload list') as AsyncGenerator<UploadSummary>;
  }

  async *listDashboards(account?: string): AsyncGenerator<Dashboard> {
    yield* this.paginate(DASHBOARDS, { account: account ?? this.account }, dashboardSchema, 'the dashboard list');
  }

  async *listDashboardMembers(dashboardId: string, dataType: DataType, account?: string): AsyncGenerator<DashboardMember> {
    const path = `${DASHBOARDS}${encodeURIComponent(dashboardId)}/${dataType}/`;
    yield* this.paginate(
      path,
      { account: account ?? this.account },
      dashboardMemberSchema,
      `the ${dataType}s of dashboard ${dashboardId}`,
    ) as AsyncGenerator<DashboardMember>;
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private async *paginate<T>(
    path: string,
    query: Record<string, string | string[] | undefined>,
    item: Parameters<typeof pageSchema>[0],
    what: string,
  ): AsyncGenerator<T> {
    let next: string | null = path;
    let first = true;
    while (next) {
      // `next` already carries the cursor and every filter of the first request.
      const response: HttpResponse = await this.http.request({ method: 'GET', path: next, ...(first ? { query } : {}) });
      const page = parseResponse(pageSchema(item), response.json, what);
      for (const result of page.results) yield result as T;
      next = page.next;
      first = false;
    }
  }
}
