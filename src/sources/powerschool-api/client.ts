import { ApiError, SourceError } from '../../errors.js';
import { HttpService, type HttpRequest, type HttpResponse } from '../../http/http-service.js';
import type { RetryPolicy } from '../../http/retry.js';
import type { Logger } from '../../log/logger.js';
import { systemClock, type Clock } from '../../util/clock.js';
import type { QueryDefinition, QueryFingerprint } from '../powerschool-queries/query-definition.js';
import { AccessRequestError, fieldsFromForbiddenBody } from './access-request-error.js';
import { describePowerSchoolError } from './error-body.js';
import { asInteger, asText, isObject, listAt, queryRecord, tableRecord } from './json-quirks.js';
import { readPages } from './paging.js';
import { readProblem } from './read-consistency.js';
import { RequestGate } from './request-gate.js';
import type { TokenCache } from './token-cache.js';
import { CREDENTIALS_HINT, TokenProvider } from './token-provider.js';

// The PowerSchool REST API on undici, through the shared HTTP service and retry helper: bearer
// token with one new token and one repeat after a 401, 403s turned into access_request lines,
// the server's request limits kept, counts first and then pages with bounded concurrency.
// `request` returns the raw response (status, headers, text, parsed JSON) for callers that
// want more than the roster.

export interface PowerSchoolClientOptions {
  url: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  retry: RetryPolicy;
  log: Logger;
  clock?: Clock;
  concurrency: number;
  minRequestIntervalMs: number;
  tokenCache: TokenCache;
  /** Ask for a new token this long before the cached one expires. */
  tokenRenewBeforeMs?: number;
  /** Told after each page of a query or table, for a terminal's progress line. */
  onPageRead?: (what: string, rowsSoFar: number, total: number) => void;
}

export interface PowerSchoolMetadata {
  /** schema_table_query_max_page_size; undefined when the server does not say. */
  maxPageSize: number | undefined;
  version: string | null;
  pluginId: string | null;
}

export type QueryArgs = Record<string, string>;

/** Reads of one PowerQuery before a run gives up on data that keeps changing under it. */
export const READ_ATTEMPTS = 3;

export interface ReadResult {
  rows: Array<Record<string, unknown>>;
  count: number;
  pages: number;
}

export class PowerSchoolClient {
  private readonly http: HttpService;
  private readonly tokens: TokenProvider;
  readonly concurrency: number;
  /**
   * Pages worked on at once: one more than the requests allowed in flight, so that a request
   * waits at the gate, ready to go the moment a page's answer is in, while that answer is parsed.
   */
  private readonly pageWorkers: number;

  constructor(private readonly options: PowerSchoolClientOptions) {
    const clock = options.clock ?? systemClock;
    const gate = new RequestGate({ concurrency: options.concurrency, minIntervalMs: options.minRequestIntervalMs, clock });
    this.concurrency = options.concurrency;
    this.pageWorkers = options.concurrency + 1;
    this.http = new HttpService({
      service: 'PowerSchool',
      errorKind: 'source',
      baseUrl: options.url,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      log: options.log,
      clock,
      connections: options.concurrency,
      describeErrorBody: describePowerSchoolError,
      gate: (attempt) => gate.run(attempt),
    });
    this.tokens = new TokenProvider({
      http: this.http,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      cache: options.tokenCache,
      clock,
      log: options.log,
      renewBeforeMs: options.tokenRenewBeforeMs ?? 0,
    });
  }

  /** A token, asked for now if none is cached; for `sis-sync check`. */
  token(): Promise<string> {
    return this.tokens.get();
  }

  /** One authenticated request. `what` names it in errors ("the query org.sissync...students"). */
  async request(req: HttpRequest, what = `${req.method} ${req.path}`, signal?: AbortSignal): Promise<HttpResponse> {
    const send = (token: string) => this.http.request({ ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } }, signal);
    const token = await this.tokens.get();
    try {
      return await send(token);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw this.translate(error, what);
      this.options.log.info({ event: 'powerschool.token.refused', path: req.path }, 'PowerSchool refused the token; asking for a new one');
      const fresh = await this.tokens.renew(token);
      try {
        return await send(fresh);
      } catch (second) {
        if (second instanceof ApiError && second.status === 401) {
          throw new SourceError(`PowerSchool refused a new token too, for ${what} (HTTP 401 twice)`, {
            code: 'POWERSCHOOL_UNAUTHORIZED',
            hint: CREDENTIALS_HINT,
            cause: second,
          });
        }
        throw this.translate(second, what);
      }
    }
  }

  async metadata(): Promise<PowerSchoolMetadata> {
    const response = await this.request({ method: 'GET', path: 'ws/v1/metadata' }, 'the server metadata');
    const body = isObject(response.json) && isObject(response.json.metadata) ? response.json.metadata : response.json;
    if (!isObject(body)) throw badResponse('/ws/v1/metadata', 'no metadata object');
    const max = asInteger(body.schema_table_query_max_page_size);
    return {
      maxPageSize: max !== null && Number.isInteger(max) && max > 0 ? max : undefined,
      version: asText(body.powerschool_version),
      pluginId: asText(body.plugin_id),
    };
  }

  async countQuery(query: QueryDefinition, args: QueryArgs): Promise<number> {
    const response = await this.request(
      { method: 'POST', path: `ws/schema/query/${query.name}/count`, json: args, idempotent: true },
      `the query ${query.name}`,
    );
    return countFrom(response.json, `/ws/schema/query/${query.name}/count`);
  }

  /** One page of a PowerQuery (pages count from 1), each record as column name → value. */
  async queryPage(query: QueryDefinition, args: QueryArgs, page: number, pageSize: number): Promise<Array<Record<string, unknown>>> {
    const response = await this.request(
      // A PowerQuery is a POST that reads: safe to repeat.
      { method: 'POST', path: `ws/schema/query/${query.name}`, query: { page, pagesize: pageSize }, json: args, idempotent: true },
      `the query ${query.name}`,
    );
    if (!isObject(response.json)) throw badResponse(`/ws/schema/query/${query.name}`, 'the body is not a JSON object');
    return listAt(response.json, 'record').map((record) => queryRecord(record, query.columns));
  }

  /** Every row of a PowerQuery: see readWhole. */
  async readQuery(
    query: QueryDefinition,
    args: QueryArgs,
    pageSize: number,
    signal?: AbortSignal,
    onAllStarted?: () => void,
  ): Promise<ReadResult> {
    return this.readWhole(
      `the query ${query.name}`,
      {
        count: () => this.countQuery(query, args),
        page: (page) => this.queryPage(query, args, page, pageSize),
        label: query.name.split('.').at(-1) ?? query.name,
        fingerprint: query.fingerprint,
      },
      pageSize,
      signal,
      onAllStarted,
    );
  }

  async countTable(table: string): Promise<number> {
    const response = await this.request({ method: 'GET', path: `ws/schema/table/${table}/count` }, `the table ${table}`);
    return countFrom(response.json, `/ws/schema/table/${table}/count`);
  }

  /** One page of a table, with only the given fields (the schema table API's `projection`). */
  async tablePage(table: string, fields: readonly string[], page: number, pageSize: number): Promise<Array<Record<string, unknown>>> {
    const projection = fields.map((f) => f.toLowerCase()).join(',');
    const response = await this.request(
      { method: 'GET', path: `ws/schema/table/${table}`, query: { projection, page, pagesize: pageSize } },
      `the table ${table}`,
    );
    return listAt(response.json, 'record').map((record) => tableRecord(record, table));
  }

  /** Every row of a table: see readWhole. */
  async readTable(
    table: string,
    fields: readonly string[],
    pageSize: number,
    signal?: AbortSignal,
    onAllStarted?: () => void,
  ): Promise<ReadResult> {
    return this.readWhole(
      `the table ${table}`,
      {
        count: () => this.countTable(table),
        page: (page) => this.tablePage(table, fields, page, pageSize),
        label: table,
        fingerprint: undefined,
      },
      pageSize,
      signal,
      onAllStarted,
    );
  }

  /**
   * Count, then every page; fails if any page fails. A read that does not add up (the data
   * changed between pages: read-consistency.ts) is done again, at most READ_ATTEMPTS times in
   * all. `onAllStarted`: see readPages.
   */
  private async readWhole(
    what: string,
    source: {
      count: () => Promise<number>;
      page: (page: number) => Promise<Array<Record<string, unknown>>>;
      /** How progress names it: "enrollments", "U_STUDENTSUSERFIELDS". */
      label: string;
      fingerprint: QueryFingerprint | undefined;
    },
    pageSize: number,
    signal: AbortSignal | undefined,
    onAllStarted: (() => void) | undefined,
  ): Promise<ReadResult> {
    for (let attempt = 1; ; attempt++) {
      const count = await source.count();
      const pages = Math.ceil(count / pageSize);
      const onPageRead = this.options.onPageRead;
      let rowsSoFar = 0;
      const page = onPageRead
        ? async (n: number) => {
            const pageRows = await source.page(n);
            onPageRead(source.label, (rowsSoFar += pageRows.length), count);
            return pageRows;
          }
        : source.page;
      const rows = (await readPages(pages, this.pageWorkers, page, signal, onAllStarted)).flat();
      const problem = readProblem(rows, count, source.fingerprint);
      if (!problem) return { rows, count, pages };
      if (attempt >= READ_ATTEMPTS) throw changedWhileRead(what, problem, attempt);
      this.options.log.warn(
        { event: 'powerschool.read.changed', what, attempt, problem },
        'PowerSchool data changed while it was read; reading it again',
      );
    }
  }

  /** A ws/v1 list such as /ws/v1/district/school → {"schools":{"school":[..]}}, every page. */
  async v1List(path: string, collection: string, item: string, pageSize: number): Promise<unknown[]> {
    const countResponse = await this.request({ method: 'GET', path: `${path}/count` }, path);
    const count = countFrom(countResponse.json, `${path}/count`);
    const pages = await readPages(Math.ceil(count / pageSize), this.pageWorkers, async (page) => {
      const response = await this.request({ method: 'GET', path, query: { page, pagesize: pageSize } }, path);
      return listAt(response.json, collection, item);
    });
    return pages.flat();
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private translate(error: unknown, what: string): unknown {
    if (!(error instanceof ApiError) || error.status !== 403) return error;
    const fields = fieldsFromForbiddenBody(error.body);
    if (fields.length) {
      const refusal = new AccessRequestError(what, fields);
      this.options.log.warn(
        { event: 'powerschool.access_request', what, accessRequests: refusal.lines },
        'PowerSchool plugin lacks access to fields',
      );
      return refusal;
    }
    return new SourceError(`PowerSchool refused ${what} (HTTP 403)`, {
      code: 'POWERSCHOOL_FORBIDDEN',
      hint: 'Check that the sis-sync plugin is installed and enabled, and that it is the version shipped with this sis-sync (npm run plugin).',
      cause: error,
    });
  }
}

function countFrom(body: unknown, path: string): number {
  const holder = isObject(body) && isObject(body.resource) ? body.resource : body;
  const count = isObject(holder) ? asInteger(holder.count) : null;
  if (count === null || !Number.isInteger(count) || count < 0) throw badResponse(path, 'no count in the answer');
  return count;
}

function badResponse(path: string, problem: string): SourceError {
  return new SourceError(`PowerSchool answered ${path} with something unexpected: ${problem}`, {
    code: 'POWERSCHOOL_BAD_RESPONSE',
    hint: 'Check that powerschool.url is the PowerSchool server itself and that the sis-sync plugin is installed.',
  });
}

function changedWhileRead(what: string, problem: string, attempts: number): SourceError {
  return new SourceError(
    `Reading ${what}: ${problem}; the data changed while it was read${attempts > 1 ? `, ${attempts} times in a row` : ''}`,
    {
      code: 'POWERSCHOOL_DATA_CHANGED',
      hint: 'Nothing was uploaded. The next run reads everything again. If this repeats, schedule runs when few people edit PowerSchool (schedule.cron), and check powerschool.pageSize against the server maximum.',
    },
  );
}
