import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AspirEduClient } from '../../src/aspiredu/client.js';
import { ApiError } from '../../src/errors.js';
import { openState, type StateStore } from '../../src/state/store.js';
import { UploadSender } from '../../src/sync/upload-sender.js';
import { ManualClock } from '../helpers/clocks.js';
import { captureLog } from '../helpers/log-capture.js';
import { tempDir } from '../helpers/temp.js';

// An upload POST to a port where nothing listens (connection refused) is tried 1 + http.maxRetries
// times in all. It was tried 36 times: the sender's retry wrapped the HTTP client's own.

let store: StateStore | undefined;
afterEach(() => store?.close());

/** A port on 127.0.0.1 that refuses connections: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('one retry budget per request', () => {
  it('tries an upload POST to a refusing server 1 + maxRetries times, not maxRetries squared', async () => {
    const retry = { maxRetries: 5, minDelayMs: 500, maxDelayMs: 30_000, factor: 2 };
    const clock = new ManualClock(Date.parse('2026-03-02T06:00:00Z'));
    const captured = captureLog();
    const client = new AspirEduClient({
      url: `http://127.0.0.1:${await closedPort()}/`,
      token: 'tok',
      timeoutMs: 5_000,
      retry,
      log: captured.log,
      clock,
    });
    store = openState(join(tempDir(), 'state'));
    const sender = new UploadSender({
      api: client,
      store,
      clock,
      log: captured.log,
      retry,
      placeholderId: 'sis-sync-empty',
      format: 'json',
      clockSkewMs: 0,
    });
    const batch = {
      account: '',
      dataType: 'student' as const,
      idField: 'student_sis_id' as const,
      dashboards: [
        { dataType: 'student' as const, account: '', name: 'A', idField: 'student_sis_id' as const, members: new Map([['s1', false]]) },
      ],
      rowCount: 1,
    };
    const runId = store.runs.start('test', '2026-03-02T06:00:00Z');
    const error = await sender.send(batch, runId).catch((e: unknown) => e);
    await client.close();

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/ECONNREFUSED/);
    const retries = captured.entries().filter((e) => e.event === 'http.retry');
    expect(retries.map((e) => e.attempt)).toEqual([1, 2, 3, 4, 5]);
    expect(store.uploads.inFlight()).toEqual([]); // never sent: the intent is closed
  });
});
