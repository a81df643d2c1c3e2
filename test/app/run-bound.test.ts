import { describe, expect, it } from 'vitest';
import { withinRunBound } from '../../src/app/run-bound.js';
import { RunTimeoutError } from '../../src/errors.js';

// The bound on a whole run: its signal aborts when the time is up; a run that does not listen is
// given up on after the grace period, so that the caller goes on.

const LIMIT_MINUTES = 0.002; // 120 ms

describe('withinRunBound', () => {
  it('passes a run that ends in time through, result or error', async () => {
    await expect(withinRunBound({ limitMinutes: 1 }, async () => 'done')).resolves.toBe('done');
    await expect(withinRunBound({ limitMinutes: 1 }, () => Promise.reject(new Error('no')))).rejects.toThrow('no');
  });

  it('aborts the signal with a RunTimeoutError when the time is up; a run that listens ends with it', async () => {
    const error = await withinRunBound(
      { limitMinutes: LIMIT_MINUTES },
      (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunTimeoutError);
    expect(error).toMatchObject({ code: 'RUN_TIMEOUT', limitMinutes: LIMIT_MINUTES });
  });

  it('gives up on a run that does not listen, and says so', async () => {
    const abandoned: RunTimeoutError[] = [];
    const error = await withinRunBound(
      { limitMinutes: LIMIT_MINUTES, graceMs: 50, onAbandoned: (e) => abandoned.push(e) },
      () => new Promise(() => undefined),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunTimeoutError);
    expect(abandoned).toEqual([error]);
  });

  it("passes the caller's own stop through, with its reason", async () => {
    const stop = new AbortController();
    const running = withinRunBound(
      { limitMinutes: 1, signal: stop.signal },
      (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))),
    );
    stop.abort(new Error('stopped by SIGTERM'));
    await expect(running).rejects.toThrow('stopped by SIGTERM');
  });
});
