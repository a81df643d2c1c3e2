import { Agent, DecoratorHandler, request, type Dispatcher, type FormData } from 'undici';
import type { ErrorCode } from '../error-codes.js';
import { ApiError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { scrubSecrets, scrubSecretsDeep } from '../util/secrets.js';
import { systemClock, type Clock } from '../util/clock.js';
import { isRetryable, parseRetryAfter, withRetry, type RetryPolicy } from './retry.js';

// A remote HTTP service (AspirEDU, PowerSchool) spoken to over undici. It owns the parts every
// call shares: base URL, timeouts, the retry helper, turning statuses, network failures and
// surprising bodies into ApiErrors a person can read, and the debug log line of each call.
// Authentication headers are added per request and never logged or put into an error.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | undefined | ReadonlyArray<string | number>;

export interface HttpRequest {
  method: HttpMethod;
  /** A path below the base URL, or an absolute URL (only its path and query are used). */
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string | FormData;
  /** Safe to send twice. By default GET, PUT and DELETE are; POST and PATCH are not. */
  idempotent?: boolean;
  /** Parse the body as JSON (the default); false keeps only the text. */
  expectJson?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as received, for callers that want the raw response. */
  text: string;
  json: unknown;
}

export interface HttpServiceOptions {
  service: string;
  errorKind: 'aspiredu' | 'source';
  baseUrl: string;
  timeoutMs: number;
  retry: RetryPolicy;
  log: Logger;
  clock?: Clock;
  /** Most connections open at once to this service. */
  connections?: number;
  /** Headers that authenticate a request, asked for on every attempt. */
  authHeaders?: () => Promise<Record<string, string>> | Record<string, string>;
  /** Turns a parsed error body into one readable sentence, if the service has a known shape. */
  describeErrorBody?: (status: number, body: unknown) => string | undefined;
  /**
   * Wraps every attempt, retries included: where a service's own limits (PowerSchool's minimum
   * interval between requests, its concurrency) are kept. Backoff waits happen outside it.
   */
  gate?: <T>(attempt: () => Promise<T>) => Promise<T>;
  /** Called as each request is about to be written to its socket (after any connection handshake). */
  onRequestWritten?: () => void;
}

interface Exchange {
  /** "PowerSchool GET /ws/v1/metadata", for messages. */
  label: string;
  status: number;
  headers: HttpResponse['headers'];
  text: string;
}

// Failures that happen before a request can reach the server: safe to retry any request.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

export class HttpService {
  readonly baseUrl: URL;
  private readonly dispatcher: Dispatcher;

  constructor(private readonly options: HttpServiceOptions) {
    this.baseUrl = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    const agent = new Agent({
      connections: options.connections ?? 4,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connectTimeout: Math.min(options.timeoutMs, 30_000),
    });
    const onWritten = options.onRequestWritten;
    // undici calls onRequestStart once the request has a connected socket, just before it writes the headers.
    this.dispatcher = onWritten
      ? agent.compose((dispatch) => (opts, handler) => dispatch(opts, new WrittenHandler(handler, onWritten)))
      : agent;
  }

  /** Sends the request, retrying what may be retried; throws ApiError otherwise. */
  async request(req: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
    const idempotent = req.idempotent ?? ['GET', 'PUT', 'DELETE'].includes(req.method);
    const gate = this.options.gate;
    // Only the exchange itself holds a place in the gate. The answer is checked and parsed after
    // the place is given back, so that the next request is on its way while this one is parsed:
    // a large page takes milliseconds to parse, and the server would otherwise wait for it.
    const attempt = async () => this.interpret(req, await (gate ? gate(() => this.exchange(req)) : this.exchange(req)));
    return withRetry(attempt, {
      policy: this.options.retry,
      clock: this.options.clock ?? systemClock,
      ...(signal ? { signal } : {}),
      // A request that may have reached the server is sent again only when doing so is harmless.
      shouldRetry: (error) => isRetryable(error) && (idempotent || !(error as ApiError).mayHaveReachedServer),
      onRetry: ({ attempt, delayMs, error }) =>
        this.options.log.warn(
          {
            event: 'http.retry',
            service: this.options.service,
            method: req.method,
            path: pathOf(req.path),
            attempt,
            delayMs,
            status: (error as ApiError).status,
            reason: (error as Error).message,
          },
          'Retrying HTTP request',
        ),
    });
  }

  /** One attempt, no retry. */
  async send(req: HttpRequest): Promise<HttpResponse> {
    return this.interpret(req, await this.exchange(req));
  }

  /** Sends the request and reads the whole answer; network failures become ApiErrors. */
  private async exchange(req: HttpRequest): Promise<Exchange> {
    const url = this.urlFor(req);
    const label = `${this.options.service} ${req.method} ${url.pathname}${url.search}`;
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers, ...(await this.options.authHeaders?.()) };
    let body: string | FormData | undefined = req.body;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json; charset=utf-8';
    }
    const started = Date.now();
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, { method: req.method, headers, body, dispatcher: this.dispatcher });
    } catch (error) {
      throw this.networkError(label, error);
    }
    const text = await response.body.text().catch((error: unknown) => {
      throw this.networkError(label, error);
    });
    this.options.log.debug(
      {
        event: 'http.response',
        service: this.options.service,
        method: req.method,
        path: url.pathname,
        status: response.statusCode,
        ms: Date.now() - started,
      },
      'HTTP response',
    );
    return { label, status: response.statusCode, headers: response.headers, text };
  }

  /** The status and body of an exchange as a response, or the ApiError they amount to. */
  private interpret(req: HttpRequest, { label, status, headers, text }: Exchange): HttpResponse {
    if (status < 200 || status >= 300) throw this.statusError(label, status, text, headers);
    if (req.expectJson === false) return { status, headers, text, json: undefined };
    return { status, headers, text, json: this.parseJson(label, status, text, headers) };
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  /**
   * Absolute URLs (the `next` links of paged answers) keep only their path and query: the
   * token goes to the configured host and nowhere else, whatever host a response names.
   */
  private urlFor(req: HttpRequest): URL {
    const relative = /^https?:\/\//i.test(req.path) ? stripOrigin(req.path) : req.path.replace(/^\//, '');
    const url = new URL(relative, relative.startsWith('/') ? this.baseUrl.origin : this.baseUrl);
    for (const [name, value] of Object.entries(req.query ?? {})) {
      if (value === undefined || value === '') continue;
      const values = Array.isArray(value) ? value : [value];
      for (const one of values) url.searchParams.append(name, String(one));
    }
    return url;
  }

  private parseJson(label: string, status: number, text: string, headers: HttpResponse['headers']): unknown {
    if (text.trim() === '') return undefined;
    const contentType = String(headers['content-type'] ?? '');
    if (looksLikeHtml(text, contentType)) {
      throw this.error(`${label} answered an HTML page instead of JSON (status ${status}: ${htmlSummary(text)})`, {
        code: 'API_BAD_RESPONSE',
        status,
        retryable: false,
        mayHaveReachedServer: true,
        hint: 'A proxy, firewall or login page may stand between this server and the API; check the URL.',
      });
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw this.error(`${label} answered invalid JSON (${(error as Error).message}; ${text.length} bytes received)`, {
        code: 'API_BAD_RESPONSE',
        status,
        retryable: false,
        mayHaveReachedServer: true,
        hint: "The response was cut short or is not JSON; if it repeats, contact the service's support with this message.",
      });
    }
  }

  private statusError(label: string, status: number, text: string, headers: HttpResponse['headers']): ApiError {
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    const described =
      this.options.describeErrorBody?.(status, body) ??
      (looksLikeHtml(text, String(headers['content-type'] ?? '')) ? `HTML page: ${htmlSummary(text)}` : excerpt(text));
    const retryable = status === 429 || status >= 500;
    return this.error(`${label} answered ${status}${described ? `: ${described}` : ''}`, {
      code: `API_HTTP_${status}`,
      status,
      retryable,
      // A 429 was turned away before any processing; a 5xx may have done part of the work.
      mayHaveReachedServer: status !== 429,
      retryAfterMs: parseRetryAfter(headers['retry-after']),
      body,
      hint: hintForStatus(status, this.options.service),
    });
  }

  private networkError(label: string, cause: unknown): ApiError {
    const code = (cause as { code?: string }).code ?? 'UNKNOWN';
    return this.error(`${label} failed: ${(cause as Error).message} (${code})`, {
      code: 'API_NETWORK',
      retryable: true,
      mayHaveReachedServer: !NOT_SENT_CODES.has(code),
      hint: `Check that this server can reach ${this.baseUrl.origin} (DNS, firewall, proxy).`,
      cause,
    });
  }

  private error(
    message: string,
    details: {
      code: ErrorCode;
      status?: number;
      retryable: boolean;
      mayHaveReachedServer: boolean;
      retryAfterMs?: number | undefined;
      body?: unknown;
      hint?: string | undefined;
      cause?: unknown;
    },
  ): ApiError {
    // What a server answers may echo the credentials it was sent: scrubbed here, where its
    // text enters, so that no report, store row or digest built from this error carries them.
    return new ApiError(scrubSecrets(message), {
      service: this.options.service,
      kind: this.options.errorKind,
      code: details.code,
      retryable: details.retryable,
      mayHaveReachedServer: details.mayHaveReachedServer,
      ...(details.status !== undefined ? { status: details.status } : {}),
      ...(details.retryAfterMs !== undefined ? { retryAfterMs: details.retryAfterMs } : {}),
      ...(details.body !== undefined ? { body: scrubSecretsDeep(details.body) } : {}),
      ...(details.hint !== undefined ? { hint: details.hint } : {}),
      ...(details.cause !== undefined ? { cause: details.cause } : {}),
    });
  }
}

function stripOrigin(absolute: string): string {
  const url = new URL(absolute);
  return `${url.pathname}${url.search}`;
}

function pathOf(path: string): string {
  return /^https?:\/\//i.test(path) ? new URL(path).pathname : (path.split('?')[0] ?? path);
}

function looksLikeHtml(text: string, contentType: string): boolean {
  return contentType.includes('text/html') || /^\s*<(!doctype|html|head|body)/i.test(text);
}

function htmlSummary(html: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1];
  const plain = (title ?? html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return `"${plain.slice(0, 120)}"`;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

function hintForStatus(status: number, service: string): string | undefined {
  if (status === 401) return `${service} did not accept the credentials; check the token or client secret in the configuration.`;
  if (status === 403) return `The ${service} credentials lack permission for this request.`;
  if (status === 404) return `Check the ${service} URL in the configuration.`;
  if (status === 429) return `${service} is rate limiting this server; the request was retried with backoff.`;
  if (status >= 500) return `${service} had a server error; it was retried with backoff. If it persists, contact its support.`;
  return undefined;
}

// undici's own typings of DecoratorHandler lag its code, which forwards onRequestStart.
const Decorator = DecoratorHandler as unknown as new (handler: Dispatcher.DispatchHandler) => Dispatcher.DispatchHandler & {
  onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void;
};

class WrittenHandler extends Decorator {
  constructor(
    handler: Dispatcher.DispatchHandler,
    private readonly onWritten: () => void,
  ) {
    super(handler);
  }

  override onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void {
    this.onWritten();
    super.onRequestStart(controller, context);
  }
}
