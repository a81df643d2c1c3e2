import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors.js';
import { backoffDelay, parseRetryAfter, withRetry, type RetryPolicy } from '../../src/http/retry.js';
import type { Clock } from '../../src/util/clock.js';

const POLICY: RetryPolicy = { maxRetries: 3, minDelayMs: 500, maxDelayMs: 30_000, factor: 2 };

function fakeClock(): Clock & { slept: number[] } {
  const slept: number[] = [];
  return { slept, now: () => 0, sleep: async (ms) => void slept.push(ms) };
}

function apiError(status: number | undefined, extra: { retryAfterMs?: number } = {}): ApiError {
  return new ApiError(`failed ${status}`, {
    service: 'Test',
    kind: 'aspiredu',
    code: 'API_NETWORK',
    ...(status !== undefined ? { status } : {}),
    retryable: status === undefined || status === 429 || status >= 500,
    mayHaveReachedServer: status !== 429,
    ...extra,
  });
}

/** withRetry around an operation that always throws `error`: what it ends with, how often it tried, what it slept. */
function alwaysFailing(error: Error) {
  const clock = fakeClock();
  let calls = 0;
  const result = withRetry(
    async () => {
      calls++;
      throw error;
    },
    { policy: POLICY, clock },
  );
  return { result, clock, calls: () => calls };
}

describe('withRetry', () => {
  it('retries retryable errors with growing delays, then succeeds', async () => {
    const clock = fakeClock();
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw apiError(503);
        return 'ok';
      },
      { policy: POLICY, clock, random: () => 1 },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(clock.slept).toEqual([500, 1000]);
  });

  it('never retries a 4xx other than 429', async () => {
    const { result, calls } = alwaysFailing(apiError(400));
    await expect(result).rejects.toThrow('failed 400');
    expect(calls()).toBe(1);
  });

  it('gives up after maxRetries and throws the last error', async () => {
    const { result, calls } = alwaysFailing(apiError(500));
    await expect(result).rejects.toThrow('failed 500');
    expect(calls()).toBe(POLICY.maxRetries + 1);
  });

  it('waits as long as Retry-After says', async () => {
    const clock = fakeClock();
    let calls = 0;
    await withRetry(
      async () => {
        if (calls++ === 0) throw apiError(429, { retryAfterMs: 7000 });
        return 'ok';
      },
      { policy: POLICY, clock },
    );
    expect(clock.slept).toEqual([7000]);
  });

  it('does not wait hours for an extreme Retry-After', async () => {
    const { result, clock } = alwaysFailing(apiError(429, { retryAfterMs: 6 * 3_600_000 }));
    await expect(result).rejects.toThrow('failed 429');
    expect(clock.slept).toEqual([]);
  });

  it('says the server asked to wait longer than the cap, not that it retried with backoff', async () => {
    const error = await alwaysFailing(apiError(429, { retryAfterMs: 100_000_000 })).result.catch((e: unknown) => e as ApiError);
    expect(error.message).toBe(
      'failed 429 (Test asked to wait 100000 s before trying again (Retry-After), longer than the 300 s sis-sync waits at most; not retried)',
    );
    expect(error.hint).toMatch(/^Test is rate limiting this server for 100000 s; the next run tries again/);
    expect(error.hint).not.toMatch(/backoff/);
  });

  it('does not retry errors that are not ApiErrors', async () => {
    const { result, calls } = alwaysFailing(new TypeError('bug'));
    await expect(result).rejects.toThrow('bug');
    expect(calls()).toBe(1);
  });
});

describe('backoffDelay', () => {
  it('stays between half and all of the exponential ceiling, capped', () => {
    expect(backoffDelay(0, POLICY, () => 0)).toBe(250);
    expect(backoffDelay(0, POLICY, () => 1)).toBe(500);
    expect(backoffDelay(3, POLICY, () => 1)).toBe(4000);
    expect(backoffDelay(20, POLICY, () => 1)).toBe(30_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
