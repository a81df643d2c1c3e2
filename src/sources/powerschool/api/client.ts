import { ApiError, SourceError } from '../../../errors.js';
import { HttpService, type HttpRequest, type HttpResponse } from '../../../http/http-service.js';
import type { RetryPolicy } from '../../../http/retry.js';
import type { Logger } from '../../../log/logger.js';
import { systemClock, type Clock } from '../../../util/clock.js';
import { BOUNDS_COLUMNS, boundsQuery } from '../queries/bounds-query.js';
import { WHOLE_KEY_RANGE } from '../queries/query-args.js';
import type { QueryDefinition } from '../queries/query-definition.js';
import { AccessRequestError, fieldsFromForbiddenBody } from './access-request-error.js';
import { describePowerSchoolError } from './error-body.js';
import { asInteger, asText, isObject, listAt, queryRecord, tableRecord } from './json-quirks.js';
import { readPages } from './paging.js';
import { OUTDATED_PLUGIN_HINT, pageSizeWatch, readSlice, sliceKeyRange, type KeyRange } from './keyset-read.js';
import { RequestGate } from './request-gate.js';
import type { TokenCache } from './token-cache.js';
import { CREDENTIALS_HINT, TokenProvider } from './token-provider.js';

// The PowerSchool REST API on undici, through the shared HTTP service and retry helper: bearer
// token with one new token and one repeat after a 401, 403s turned into access_request lines,
// the server's request limits kept; PowerQueries read by key in slices (keyset-read.ts), tables
// and ws/v1 lists counted and then paged, with bounded concurrency.
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
  onPageRead?: (what: string, rowsSoFar: number, total: number | undefined) => void;
}

export interface PowerSchoolMetadata {
  /** schema_table_query_max_page_size; undefined when the server does not say. */
  maxPageSize: number | undefined;
  version: string | null;
  pluginId: string | null;
}

export type QueryArgs = Record<string, string>;

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
    const gate = new RequestGate({
      concurrency: options.concurrency,
      minIntervalMs: options.minRequestIntervalMs,
      clock,
      writtenSignal: true,
    });
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
      onRequestWritten: () => gate.written(),
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

  /** The lowest and highest key of a keyed query's table; undefined when the table is empty. */
  async queryBounds(query: QueryDefinition): Promise<{ min: number; max: number | undefined } | undefined> {
    const bounds = boundsQuery(query);
    if (!bounds) throw new Error(`${query.name} has no key to read it by`);
    const [row] = await this.queryPage(bounds, {}, 1, 1);
    const min = asInteger(row?.[BOUNDS_COLUMNS.min]);
    if (min === null || !Number.isSafeInteger(min)) return undefined;
    // A server that answers grouped under tables keeps one value per TABLE.FIELD: then only the lowest.
    const max = asInteger(row?.[BOUNDS_COLUMNS.max]);
    return { min, max: max !== null && Number.isSafeInteger(max) ? max : undefined };
  }

  /**
   * Every row of a keyed PowerQuery, in key order: its key range cut into slices read side by
   * side, each by key (keyset-read.ts). `onAllStarted` is called once fewer slices are left
   * than pages the client works on at once, when the next read can use the slots they leave.
   */
  async readQuery(
    query: QueryDefinition,
    args: QueryArgs,
    pageSize: number,
    signal?: AbortSignal,
    onAllStarted?: () => void,
  ): Promise<ReadResult> {
    const key = query.key;
    if (!key) throw new Error(`${query.name} has no key to read it by`);
    const bounds = await this.queryBounds(query);
    const slices: KeyRange[] = !bounds
      ? []
      : bounds.max === undefined
        ? [{ after: bounds.min - 1, upTo: Number(WHOLE_KEY_RANGE.up_to_id) }]
        : sliceKeyRange(bounds.min, bounds.max, this.concurrency * 2, pageSize);
    const what = `the query ${query.name}`;
    const progress = this.progressOf(query.name.split('.').at(-1) ?? query.name);
    let warned = false;
    const watch = pageSizeWatch((returned) => {
      if (warned) return;
      warned = true;
      this.options.log.warn(
        { event: 'powerschool.page.capped', query: query.name, pageSize, returned },
        'PowerSchool answers fewer rows per page than asked; reading on',
      );
    });
    // Every slice at once, each with at most one request waiting at the gate: the slices move on
    // together and end together, instead of the last one read alone with a request slot empty.
    // The next query may begin once fewer slices are left than pages worked on at once.
    const stop = new AbortController();
    const sliceSignal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
    let unfinished = slices.length;
    let nextStarted = false;
    const maybeStartNext = () => {
      if (nextStarted || unfinished >= this.pageWorkers) return;
      nextStarted = true;
      onAllStarted?.();
    };
    maybeStartNext();
    const read = await readPages(
      slices.length,
      slices.length,
      async (slice) => {
        let read;
        try {
          read = await readSlice(
            what,
            key,
            args,
            slices[slice - 1] as KeyRange,
            pageSize,
            async (pageArgs) => progress.page(await this.queryPage(query, pageArgs, 1, pageSize)),
            sliceSignal,
            watch,
          );
        } catch (error) {
          // The first failure stops the other slices at their next page, and begins nothing new.
          nextStarted = true;
          stop.abort(error);
          throw error;
        }
        unfinished--;
        maybeStartNext();
        return [read];
      },
      signal,
    );
    progress.done();
    const sliceReads = read.flat();
    const rows = sliceReads.flatMap((slice) => slice.rows);
    // One request for the bounds, then the slices' pages.
    return { rows, count: rows.length, pages: 1 + sliceReads.reduce((sum, slice) => sum + slice.pages, 0) };
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

  /** Every row of a table, by position (the schema table API has no key to read by): a count, then its pages. */
  async readTable(
    table: string,
    fields: readonly string[],
    pageSize: number,
    signal?: AbortSignal,
    onAllStarted?: () => void,
  ): Promise<ReadResult> {
    const count = await this.countTable(table);
    if (count === 0) {
      onAllStarted?.();
      return { rows: [], count: 0, pages: 0 };
    }
    const progress = this.progressOf(table, count);
    signal?.throwIfAborted();
    const first = progress.page(await this.tablePage(table, fields, 1, pageSize));
    // The schema table API pages by position: a server that answers fewer rows than asked (and
    // than there are) would have every later page skip rows, so read on at the size it answers.
    const size = first.length > 0 && first.length < Math.min(pageSize, count) ? first.length : pageSize;
    if (size < pageSize) {
      this.options.log.warn(
        { event: 'powerschool.page.capped', table, pageSize, returned: size },
        'PowerSchool answers fewer rows per page than asked; reading on at its size',
      );
    }
    const pages = Math.ceil(count / size);
    const rest = await readPages(
      pages - 1,
      this.pageWorkers,
      async (page) => progress.page(await this.tablePage(table, fields, page + 1, size)),
      signal,
      onAllStarted,
    );
    const rows = [...first, ...rest.flat()];
    return { rows, count: rows.length, pages };
  }

  /** Counts the rows of one read for `onPageRead`; `total` when known before the read (a count). */
  private progressOf(label: string, total?: number): { page: <T>(rows: T[]) => T[]; done: () => void } {
    const onPageRead = this.options.onPageRead;
    let rowsSoFar = 0;
    return {
      page: (rows) => {
        rowsSoFar += rows.length;
        onPageRead?.(label, rowsSoFar, total);
        return rows;
      },
      done: () => onPageRead?.(label, rowsSoFar, rowsSoFar),
    };
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private translate(error: unknown, what: string): unknown {
    if (error instanceof ApiError && what.startsWith('the query ') && (error.status === 404 || error.status === 400)) {
      const outdated = outdatedPlugin(error, what);
      if (outdated) return outdated;
    }
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

/**
 * A plugin installed before keyset reading: its queries lack the bounds queries (404, named
 * query not found) or the after_id and up_to_id arguments (400). Undefined for other errors.
 */
function outdatedPlugin(error: ApiError, what: string): SourceError | undefined {
  const body = typeof error.body === 'string' ? error.body : JSON.stringify(error.body ?? '');
  const missingQuery = error.status === 404;
  if (!missingQuery && !/after_id|up_to_id|argument/i.test(body)) return undefined;
  return new SourceError(
    `The sis-sync plugin in PowerSchool is missing or older than this sis-sync: ${missingQuery ? `it has no ${what.replace(/^the /, '')} (HTTP 404)` : `it refused the key arguments of ${what} (HTTP 400)`}`,
    { code: 'POWERSCHOOL_PLUGIN_OUTDATED', hint: OUTDATED_PLUGIN_HINT, cause: error },
  );
}
