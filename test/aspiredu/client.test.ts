import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AspirEduClient } from '../../src/aspiredu/client.js';
import type { UploadRow } from '../../src/aspiredu/types.js';
import { ApiError } from '../../src/errors.js';
import { startAspirEduSim, type AspirEduSim } from '../../src/sim/aspiredu/server.js';
import { captureLog } from '../helpers/log-capture.js';

// The v2 client against the simulator over real sockets.

let sim: AspirEduSim;
let client: AspirEduClient;

beforeEach(async () => {
  sim = await startAspirEduSim({
    pageSize: 2,
    processingDelayMs: 5,
    subaccounts: ['north'],
    students: [{ sisId: 's1' }, { sisId: 's2' }],
    viewers: [{ sisId: 't1', id: '900' }],
  });
  client = clientFor(sim.token);
});

afterEach(async () => {
  await client.close();
  await sim.close();
});

function clientFor(token: string, account = ''): AspirEduClient {
  return new AspirEduClient({
    url: sim.url,
    token,
    account,
    timeoutMs: 5000,
    retry: { maxRetries: 3, minDelayMs: 5, maxDelayMs: 20, factor: 2 },
    log: captureLog().log,
  });
}

const studentRows: UploadRow[] = [
  { dashboard_name: 'A', student_sis_id: 's1' },
  { dashboard_name: 'A', student_sis_id: 'nobody' },
];

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('AspirEduClient uploads', () => {
  it('creates a JSON upload and reads its detail, with missing users keyed by id field', async () => {
    const created = await client.createUpload({
      dataType: 'student',
      policy: 'contained',
      idField: 'student_sis_id',
      rows: studentRows,
      format: 'json',
    });
    expect(created).toMatchObject({ status: 'uploading', data_type: 'student', clear_existing_policy: 'contained', upload_type: 'api' });
    await sim.idle();
    const detail = await client.getUpload(created.id);
    expect(detail.status).toBe('success_missing');
    expect(detail.missing).toEqual({ student_sis_id: ['nobody'] });
    expect(detail.error).toEqual({});
  });

  it('creates a multipart CSV upload with viewers by AspirEDU id', async () => {
    const created = await client.createUpload({
      dataType: 'viewer',
      policy: 'none',
      idField: 'viewer_id',
      rows: [{ dashboard_name: 'Club, "Chess"', viewer_id: '900', viewer_is_ally: true }],
      format: 'csv',
    });
    await sim.idle();
    expect((await client.getUpload(created.id)).status).toBe('success');
    expect(sim.model.viewerAllies('', 'Club, "Chess"')).toEqual({ t1: true });
  });

  it('sends the account parameter and the bearer token', async () => {
    const north = clientFor(sim.token, 'north');
    await north.createUpload({ dataType: 'student', policy: 'contained', idField: 'student_sis_id', rows: studentRows, format: 'json' });
    await north.close();
    expect(sim.requests.at(-1)).toMatchObject({ method: 'POST', query: '?account=north' });
    expect(sim.model.uploads.at(-1)?.account).toBe('north');
  });

  it('lists uploads newest first across cursor pages, with every filter', async () => {
    for (const policy of ['none', 'all', 'contained'] as const) {
      await client.createUpload({ dataType: 'student', policy, idField: 'student_sis_id', rows: studentRows, format: 'json' });
    }
    await client.createUpload({
      dataType: 'viewer',
      policy: 'contained',
      idField: 'viewer_sis_id',
      rows: [{ dashboard_name: 'A', viewer_sis_id: 't1', viewer_is_ally: false }],
      format: 'json',
    });
    await sim.idle();
    const all = await collect(client.listUploads());
    expect(all).toHaveLength(4);
    expect(all.map((u) => u.id)).toEqual(sim.model.uploads.map((u) => u.id).reverse());
    expect(sim.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/upload/')).length).toBe(2); // two pages of two

    const filtered = await collect(
      client.listUploads({
        status: ['success', 'success_missing'],
        clear_existing_policy: ['all', 'contained'],
        data_type: 'student',
        upload_type: 'api',
      }),
    );
    expect(filtered.map((u) => u.clear_existing_policy)).toEqual(['contained', 'all']);
    expect(sim.requests.at(-1)?.query).toContain(
      'status=success&status=success_missing&clear_existing_policy=all&clear_existing_policy=contained',
    );
  });
});

describe('AspirEduClient dashboards', () => {
  it('lists dashboards and their students and viewers, following next', async () => {
    await client.createUpload({
      dataType: 'student',
      policy: 'none',
      idField: 'student_sis_id',
      rows: ['A', 'B', 'C'].flatMap((name) => [
        { dashboard_name: name, student_sis_id: 's1' },
        { dashboard_name: name, student_sis_id: 's2' },
      ]),
      format: 'json',
    });
    await client.createUpload({
      dataType: 'viewer',
      policy: 'none',
      idField: 'viewer_sis_id',
      rows: [{ dashboard_name: 'A', viewer_sis_id: 't1', viewer_is_ally: true }],
      format: 'json',
    });
    await sim.idle();
    const dashboards = await collect(client.listDashboards());
    expect(dashboards.map((d) => d.name)).toEqual(['A', 'B', 'C']);
    const first = dashboards[0]!;
    expect((await collect(client.listDashboardMembers(first.id, 'student'))).map((m) => m.sis_id)).toEqual(['s1', 's2']);
    expect(await collect(client.listDashboardMembers(first.id, 'viewer'))).toEqual([{ id: '900', sis_id: 't1', is_ally: true }]);
  });

  it('keeps the token on the configured host whatever host `next` names', async () => {
    await sim.close();
    // Behind a proxy, AspirEDU names its public host in `next`; the token must not follow it there.
    sim = await startAspirEduSim({ pageSize: 1, publicUrl: 'https://apps.aspiredu.invalid' });
    client = clientFor(sim.token);
    for (let i = 0; i < 3; i++)
      await client.createUpload({ dataType: 'student', policy: 'none', idField: 'student_sis_id', rows: studentRows, format: 'json' });
    const uploads = await collect(client.listUploads());
    expect(uploads).toHaveLength(3);
    expect(uploads[0]?.href).toMatch(/^https:\/\/apps\.aspiredu\.invalid\//);
    expect(sim.requests.filter((r) => r.method === 'GET')).toHaveLength(3);
  });
});

describe('AspirEduClient errors', () => {
  it('turns field errors and non-field errors into one readable sentence', async () => {
    const error = await client
      .createUpload({ dataType: '' as never, policy: 'contained', idField: 'student_sis_id', rows: studentRows, format: 'json' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/answered 400: data_type: This field may not be blank\./);
    const rowError = await client
      .createUpload({
        dataType: 'student',
        policy: 'contained',
        idField: 'student_sis_id',
        rows: [{ dashboard_name: '', student_sis_id: '1' }],
        format: 'json',
      })
      .catch((e: unknown) => e);
    expect((rowError as Error).message).toMatch(/data\.row 1\.dashboard_name: This field is required\./);
  });

  it('says that the token was refused, without the token', async () => {
    const wrong = clientFor('not-the-token-123');
    const error = (await wrong.getUpload('x').catch((e: unknown) => e)) as ApiError;
    await wrong.close();
    expect(error.status).toBe(401);
    expect(error.message).toContain('answered 401: Invalid token.');
    expect(error.hint).toMatch(/check the token/);
    expect(`${error.message} ${error.hint}`).not.toContain('not-the-token-123');
  });

  it('reports 404 as not found, without retrying', async () => {
    await expect(client.getUpload('00000000-0000-0000-0000-000000000000')).rejects.toThrow(/answered 404: Not found\./);
    expect(sim.requests).toHaveLength(1);
  });

  it('retries 500, 429 and dropped connections on reads', async () => {
    sim.faults.failNext(1, 500);
    sim.faults.failNext(1, 429, {}, 0);
    sim.faults.dropNext(1);
    expect(await collect(client.listUploads())).toEqual([]);
    expect(sim.requests.map((r) => r.status)).toEqual([500, 429, 'dropped', 200]);
  });

  it('reports an HTML page from a proxy clearly', async () => {
    sim.faults.add({ kind: 'html', status: 200 });
    await expect(collect(client.listUploads())).rejects.toThrow(/answered an HTML page instead of JSON \(status 200: "502 Bad Gateway"\)/);
  });

  it('reports truncated JSON clearly', async () => {
    sim.faults.add({ kind: 'truncated-json' });
    await expect(client.getUpload('x')).rejects.toThrow(/answered invalid JSON \(.*; 39 bytes received\)/);
  });

  it('reports an answer of the wrong shape by field', async () => {
    sim.faults.add({ kind: 'status', status: 200, body: { id: 'x', status: 'done' } });
    await expect(client.getUpload('x')).rejects.toThrow(/unexpected shape: created: .*; data_type/);
  });

  it('does not resend a POST after a 500, but marks it as possibly received', async () => {
    sim.faults.failNext(1, 500, { method: 'POST' });
    const error = (await client
      .createUpload({ dataType: 'student', policy: 'contained', idField: 'student_sis_id', rows: studentRows, format: 'json' })
      .catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(500);
    expect(error.mayHaveReachedServer).toBe(true);
    expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('sends a POST once and marks a 429 as turned away, for the upload sender (the one retry budget) to send again', async () => {
    sim.faults.failNext(1, 429, { method: 'POST' }, 0);
    const error = (await client
      .createUpload({ dataType: 'student', policy: 'contained', idField: 'student_sis_id', rows: studentRows, format: 'json' })
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({ status: 429, retryable: true, mayHaveReachedServer: false });
    expect(sim.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([429]);
  });

  it('says when AspirEDU asks to wait longer than sis-sync waits, and does not claim it retried', async () => {
    sim.faults.failNext(1, 429, { method: 'GET' }, 100_000);
    const error = (await client.getUpload('x').catch((e: unknown) => e)) as ApiError;
    expect(error.message).toContain(
      'AspirEDU asked to wait 100000 s before trying again (Retry-After), longer than the 300 s sis-sync waits at most',
    );
    expect(error.hint).not.toMatch(/retried/);
    expect(sim.requests).toHaveLength(1);
  });
});
