import { ApiError } from '../errors.js';
import { systemClock, type Clock } from '../util/clock.js';

// The one retry helper behind every HTTP call (AspirEDU, PowerSchool): exponential backoff with
// equal jitter (half the ceiling, plus up to the other half at random), `Retry-After` honoured,
// and only errors marked retryable are retried: 429, 5xx and network failures, never another
// 4xx. Defaults follow undici's RetryHandler.

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  minDelayMs: number;
  maxDelayMs: number;
  factor: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 5, minDelayMs: 500, maxDelayMs: 30_000, factor: 2 };

/** A server may ask for a long pause; beyond this we give up rather than stall a run for hours. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

export interface RetryAttemptInfo {
  attempt: number;
  delayMs: number;
  error: unknown;
}

export interface RetryOptions {
  policy?: RetryPolicy;
  clock?: Clock;
  signal?: AbortSignal;
  /** Decides whether this error may be retried; by default an ApiError's own `retryable`. */
  shouldRetry?: (error: unknown) => boolean;
  onRetry?: (info: RetryAttemptInfo) => void;
  random?: () => number;
}

export async function withRetry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const clock = options.clock ?? systemClock;
  const shouldRetry = options.shouldRetry ?? isRetryable;
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= policy.maxRetries || !shouldRetry(error)) throw error;
      const retryAfter = error instanceof ApiError ? error.retryAfterMs : undefined;
      if (retryAfter !== undefined && retryAfter > MAX_RETRY_AFTER_MS) throw waitTooLong(error as ApiError, retryAfter);
      const delayMs = retryAfter ?? backoffDelay(attempt, policy, options.random);
      options.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await clock.sleep(delayMs, options.signal);
    }
  }
}

/** The server asked for a longer pause than we wait: say so, not "retried with backoff". */
function waitTooLong(error: ApiError, retryAfterMs: number): ApiError {
  const asked = Math.round(retryAfterMs / 1000);
  const cap = MAX_RETRY_AFTER_MS / 1000;
  return new ApiError(
    `${error.message} (${error.service} asked to wait ${asked} s before trying again (Retry-After), longer than the ${cap} s sis-sync waits at most; not retried)`,
    {
      service: error.service,
      kind: error.kind === 'source' ? 'source' : 'aspiredu',
      code: error.code,
      retryable: false,
      mayHaveReachedServer: error.mayHaveReachedServer,
      retryAfterMs,
      ...(error.status !== undefined ? { status: error.status } : {}),
      ...(error.body !== undefined ? { body: error.body } : {}),
      hint: `${error.service} is rate limiting this server for ${asked} s; the next run tries again. If it keeps asking for long pauses, ask its support why.`,
      cause: error,
    },
  );
}

export function isRetryable(error: unknown): boolean {
  return error instanceof ApiError && error.retryable;
}

/** "Equal jitter": between half and all of the exponential ceiling, so that a retry never comes at once. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * policy.factor ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
