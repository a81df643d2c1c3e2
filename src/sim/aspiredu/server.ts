import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataType } from '../../desired/data-types.js';
import { answerFault, Faults, faultBody, type FaultWording } from '../faults.js';
import { dropConnection, originOf, readBody, sendJson, sleep, trackSockets } from '../http-kit.js';
import { AspirEduSimModel, type SimUpload } from './model.js';
import { parseUploadFields, type UploadFields } from './parse-upload.js';
import { UploadProcessing, type ProcessingDelay } from './upload-processing.js';
import { applyV1StudentMappings } from './v1-students.js';

// A faithful stand-in for AspirEDU's API (seeds 000-002) on 127.0.0.1: used by the tests, the
// demo and the benchmark. Uploads are processed asynchronously after a configurable delay.

export interface AspirEduSimOptions {
  port?: number;
  /** Address to bind; 127.0.0.1 unless a container must be reached from another one. */
  host?: string;
  token?: string;
  /** Subaccounts the token may name in the `account` parameter. */
  subaccounts?: string[];
  /** Processing time of one upload, fixed or as a function of its row count. */
  processingDelayMs?: ProcessingDelay;
  /** Which documented spelling to use for "processed, some users missing". */
  missingStatus?: 'success_missing' | 'success_with_missing';
  pageSize?: number;
  /** The origin put in `href`, `next` and `file_url` links, as a server behind a proxy would; the request's own by default. */
  publicUrl?: string;
  students?: Array<{ sisId: string | null; name?: string; id?: string }>;
  viewers?: Array<{ sisId: string | null; name?: string; id?: string }>;
  /**
   * Simulated time, for a benchmark that waits minutes in no time: an upload ends when this
   * clock has passed its processing time, as seen by the next request (no timer runs), and
   * `created` is this clock's time. Real time and timers when absent.
   */
  clock?: { now(): number };
}

export interface RequestLogEntry {
  method: string;
  path: string;
  query: string;
  status: number | 'dropped';
  at: number;
}

export interface AspirEduSim {
  url: string;
  token: string;
  model: AspirEduSimModel;
  faults: Faults;
  requests: RequestLogEntry[];
  /** While true, new uploads stay "uploading" until `releaseHeldUploads`. */
  holdUploads: boolean;
  releaseHeldUploads(): void;
  /** The next `count` uploads end in status "error" with this message. */
  failNextUploads(count: number, message?: string): void;
  setProcessingDelay(delay: number | ((rows: number) => number)): void;
  /** Resolves when no upload is waiting to be processed (held ones excepted). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const API = '/detective/api/v2/dashboard/';

export async function startAspirEduSim(options: AspirEduSimOptions = {}): Promise<AspirEduSim> {
  const token = options.token ?? 'sim-aspiredu-token';
  const model = new AspirEduSimModel(new Set(options.subaccounts ?? []));
  for (const user of options.students ?? []) model.addUser('student', user);
  for (const user of options.viewers ?? []) model.addUser('viewer', user);
  const faults = new Faults();
  const requests: RequestLogEntry[] = [];
  const pageSize = options.pageSize ?? 25;
  const linkOrigin = (req: IncomingMessage) => options.publicUrl ?? originOf(req);
  const processing = new UploadProcessing({
    model,
    delay: options.processingDelayMs ?? 50,
    missingStatus: options.missingStatus ?? 'success_missing',
    clock: options.clock,
  });
  const schedule = (upload: SimUpload) => processing.schedule(upload);

  const sim: AspirEduSim = {
    url: '',
    token,
    model,
    faults,
    requests,
    holdUploads: false,
    releaseHeldUploads: () => model.uploads.filter((u) => u.status === 'uploading' && u.finishAt === null).forEach(schedule),
    failNextUploads: (count, message = 'Internal error.') => processing.failNext(count, message),
    setProcessingDelay: (value) => {
      processing.delay = value;
    },
    idle: () => processing.idle(),
    close: async () => {
      processing.stop();
      destroySockets();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { detail: `Simulator error: ${(error as Error).message}` });
    });
  });
  const destroySockets = trackSockets(server);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', originOf(req));
    const entry: RequestLogEntry = { method: req.method ?? 'GET', path: url.pathname, query: url.search, status: 0, at: Date.now() };
    requests.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));
    processing.finishDue();
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    const fault = faults.take(entry.method, url.pathname);
    if (fault && fault.kind !== 'drop-after-handling') {
      answerFault(req, res, fault, entry, faultWording(req, res));
      return;
    }
    if (fault) {
      // Do the work, then lose the answer.
      res.write = () => true;
      res.end = (() => {
        entry.status = 'dropped';
        dropConnection(req);
        return res;
      }) as typeof res.end;
    }
    if (url.pathname.startsWith('/__files/')) return serveFile(res, url.pathname.slice('/__files/'.length));
    if (!authorised(req, res)) return;
    await route(req, res, url);
  }

  function faultWording(req: IncomingMessage, res: ServerResponse): FaultWording {
    return {
      outagePage: '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>',
      cutJson: '{"id": "00000000-0000-0000-0000-0000000',
      jsonType: 'application/json',
      answerStatus: (fault) =>
        sendJson(res, fault.status, faultBody(fault, req.headers.authorization) ?? { detail: 'Server Error' }, fault.headers),
    };
  }

  function authorised(req: IncomingMessage, res: ServerResponse): boolean {
    const header = req.headers.authorization;
    if (!header) {
      sendJson(res, 401, { detail: 'Authentication credentials were not provided.' });
      return false;
    }
    if (header !== `Bearer ${token}`) {
      sendJson(res, 401, { detail: 'Invalid token.' });
      return false;
    }
    return true;
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
    const account = url.searchParams.get('account') ?? '';
    if (account !== '' && !model.subaccounts.has(account)) {
      return sendJson(res, 400, { account: [`"${account}" is not a subaccount of the account associated with this token.`] });
    }
    if (path === `${API}upload/`) {
      if (req.method === 'POST') return createUpload(req, res, account);
      if (req.method === 'GET') return listUploads(res, url, account, linkOrigin(req));
      return sendJson(res, 405, { detail: `Method "${req.method}" not allowed.` });
    }
    const detail = /^\/detective\/api\/v2\/dashboard\/upload\/([^/]+)\/$/.exec(path);
    if (detail && req.method === 'GET') {
      const upload = model.upload(decodeURIComponent(detail[1] as string));
      return upload ? sendJson(res, 200, uploadJson(upload, linkOrigin(req), true)) : sendJson(res, 404, { detail: 'Not found.' });
    }
    if (path === API && req.method === 'GET') return listDashboards(res, url, account, linkOrigin(req));
    const members = /^\/detective\/api\/v2\/dashboard\/(\d+)\/(student|viewer)\/$/.exec(path);
    if (members && req.method === 'GET') return listMembers(res, url, Number(members[1]), members[2] as DataType, linkOrigin(req));
    if (path === '/detective/api/dashboard/student/' && (req.method === 'PUT' || req.method === 'PATCH')) {
      return applyV1StudentMappings(model, req, res, req.method);
    }
    sendJson(res, 404, { detail: 'Not found.' });
  }

  async function createUpload(req: IncomingMessage, res: ServerResponse, account: string): Promise<void> {
    const fields = await readUploadFields(req);
    if ('error' in fields) return sendJson(res, 400, fields.error);
    const parsed = parseUploadFields(fields);
    if (!parsed.ok) return sendJson(res, 400, parsed.errors);
    const upload = model.newUpload(
      { user: 'API User', account, dataType: parsed.dataType, uploadType: 'api', policy: parsed.policy, rows: parsed.rows },
      processing.now(),
    );
    if (!sim.holdUploads) schedule(upload);
    sendJson(res, 200, uploadJson(upload, linkOrigin(req), true));
  }

  function listUploads(res: ServerResponse, url: URL, account: string, origin: string): void {
    const statuses = url.searchParams.getAll('status');
    const policies = url.searchParams.getAll('clear_existing_policy');
    const dataType = url.searchParams.get('data_type');
    const uploadType = url.searchParams.get('upload_type');
    const matching = [...model.uploads]
      .reverse()
      .filter(
        (u) =>
          (account === '' || u.account === account) &&
          (statuses.length === 0 || statuses.includes(u.status)) &&
          (policies.length === 0 || policies.includes(u.policy)) &&
          (!dataType || u.dataType === dataType) &&
          (!uploadType || u.uploadType === uploadType),
      );
    sendPage(
      res,
      url,
      matching.map((u) => uploadJson(u, origin, false)),
      origin,
    );
  }

  function listDashboards(res: ServerResponse, url: URL, account: string, origin: string): void {
    sendPage(
      res,
      url,
      model.dashboardsIn(account).map((d) => ({ id: d.id, name: d.name, account: d.account || null })),
      origin,
    );
  }

  function listMembers(res: ServerResponse, url: URL, dashboardId: number, dataType: DataType, origin: string): void {
    const dashboard = model.dashboards.get(dashboardId);
    if (!dashboard) return sendJson(res, 404, { detail: 'Not found.' });
    const users = dataType === 'student' ? model.students : model.viewers;
    const ids = dataType === 'student' ? [...dashboard.students] : [...dashboard.viewers.keys()];
    const results = ids.sort().map((id) => {
      const user = users.get(id);
      const base = { id, sis_id: user?.sisId ?? null, name: user?.name ?? '' };
      return dataType === 'viewer' ? { ...base, is_ally: dashboard.viewers.get(id) === true } : base;
    });
    sendPage(res, url, results, origin);
  }

  /** Cursor paging: the cursor is opaque to clients; here it is an encoded offset. */
  function sendPage(res: ServerResponse, url: URL, all: unknown[], origin: string): void {
    const cursor = url.searchParams.get('cursor');
    const offset = cursor ? Number(Buffer.from(cursor, 'base64url').toString()) || 0 : 0;
    const link = (at: number) => {
      const next = new URL(`${url.pathname}${url.search}`, origin);
      next.searchParams.set('cursor', Buffer.from(String(at)).toString('base64url'));
      return next.toString();
    };
    sendJson(res, 200, {
      next: offset + pageSize < all.length ? link(offset + pageSize) : null,
      previous: offset > 0 ? link(Math.max(0, offset - pageSize)) : null,
      results: all.slice(offset, offset + pageSize),
    });
  }

  function serveFile(res: ServerResponse, id: string): void {
    const upload = model.upload(id);
    if (!upload) return sendJson(res, 404, { detail: 'Not found.' });
    sendJson(res, 200, upload.rows);
  }

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const address = server.address() as AddressInfo;
  sim.url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  return sim;
}

async function readUploadFields(req: IncomingMessage): Promise<UploadFields | { error: Record<string, unknown> }> {
  const contentType = req.headers['content-type'] ?? '';
  const body = await readBody(req);
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    const file = form.get('file');
    return {
      data_type: form.get('data_type') ?? undefined,
      clear_existing_policy: form.get('clear_existing_policy') ?? undefined,
      ...(file !== null ? { file: typeof file === 'string' ? file : await file.text() } : {}),
    };
  }
  if (!contentType.startsWith('application/json')) {
    return { error: { detail: `Unsupported media type "${contentType}" in request.` } };
  }
  try {
    return JSON.parse(body.toString('utf8')) as UploadFields;
  } catch (error) {
    return { error: { detail: `JSON parse error - ${(error as Error).message}` } };
  }
}

function uploadJson(upload: SimUpload, origin: string, detail: boolean): Record<string, unknown> {
  const base = {
    id: upload.id,
    created: upload.created,
    href: `${origin}${API}upload/${upload.id}/`,
    user: upload.user,
    data_type: upload.dataType,
    upload_type: upload.uploadType,
    status: upload.status,
    clear_existing_policy: upload.policy,
    file_url: `${origin}/__files/${upload.id}`,
  };
  return detail ? { ...base, error: upload.error, missing: upload.missing } : base;
}
