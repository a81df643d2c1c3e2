import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { loadQueryCatalog, type QueryCatalog } from '../../sources/powerschool/queries/catalog.js';
import { accessRequestFields } from '../../sources/powerschool/queries/plugin-files.js';
import type { FieldRef } from '../../sources/powerschool/queries/query-definition.js';
import { answerFault, Faults, type FaultWording } from '../faults.js';
import { holdAnswerUntil, originOf, readBody, sleep, trackSockets } from '../http-kit.js';
import { AccessRequest, noAccessBody } from './access-control.js';
import { openSimDatabase, type SimDatabase } from './database.js';
import { generateDistrict, type DistrictFacts, type DistrictOptions } from './district-generator.js';
import { groupedRecord, PowerQueryRunner, QueryArgError, type QueryArgs } from './powerquery-runner.js';
import { countTable, resolveProjection, tablePage } from './schema-table.js';
import { SimTokens } from './tokens.js';
import { V1_RESOURCES, v1ListBody } from './v1-resources.js';
import { errorXml, STUDENT_EXTENSIONS, withList, type EmptyListStyle } from './wire-format.js';

// A PowerSchool server on 127.0.0.1 for tests, the demo and the benchmark: OAuth client
// credentials with expiring tokens, /ws/v1/metadata, ws/v1 district resources (only for a plugin
// with v1 access, which the shipped one does not ask for), the plugin's PowerQueries run on a
// PowerSchool-shaped SQLite database, the schema table API, access requests enforced with
// PowerSchool's 403, its JSON quirks, a minimum request interval and injected faults. Tests
// read what it saw from `requests`.

export interface PowerSchoolSimOptions {
  port?: number;
  /** Address to bind; 127.0.0.1 unless a container must be reached from another one. */
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** Lifetime of a new token; PowerSchool's is about 30 days. */
  tokenLifetimeSeconds?: number;
  /** `schema_table_query_max_page_size` in the metadata; larger page sizes are lowered to it. */
  maxPageSize?: number;
  /**
   * Pages (of a PowerQuery or a schema table) hold at most this many rows, whatever was asked
   * and whatever the metadata says: a server that caps pages below its
   * schema_table_query_max_page_size.
   */
  pageCap?: number;
  /** Requests that arrive sooner than this after the previous one are refused with 429. */
  minRequestIntervalMs?: number;
  emptyListStyle?: EmptyListStyle;
  /** false answers PowerQueries as if they were not flattened: values under `tables.<table>`. */
  flattened?: boolean;
  /** A SQLite file to use; in memory by default. */
  database?: string;
  /** The district to generate; false for an empty database (or one already in `database`). */
  district?: DistrictOptions | false;
  /** The plugin's access_request; by default every field the shipped queries read. */
  access?: FieldRef[];
  /**
   * Whether the plugin's <oauth> asks for accessLevelV1Api="READ". The shipped plugin does not:
   * then the ws/v1 resources answer 403, and /ws/v1/metadata still answers, as on PowerSchool.
   */
  v1Access?: boolean;
  catalog?: QueryCatalog;
}

export interface PsRequestLogEntry {
  method: string;
  path: string;
  query: string;
  status: number | 'dropped';
  /** performance.now() when the request arrived, and when its answer was sent, in milliseconds. */
  at: number;
  finishedAt?: number;
  auth: 'basic' | 'bearer' | 'none';
  token?: string;
  accept: string;
  /** PowerQueries: rows the server evaluated to answer (see powerquery-runner.ts), and rows returned. */
  rowsEvaluated?: number;
  rowsReturned?: number;
}

export interface PowerSchoolSim {
  url: string;
  clientId: string;
  clientSecret: string;
  db: SimDatabase;
  facts: DistrictFacts | undefined;
  faults: Faults;
  access: AccessRequest;
  tokens: SimTokens;
  requests: PsRequestLogEntry[];
  /** Settings that tests may change while the server runs. */
  live: {
    maxPageSize: number;
    pageCap: number | undefined;
    minRequestIntervalMs: number;
    /**
     * Every answer leaves no sooner than this after its request arrived, the simulator's own work
     * included (unlike `faults.latencyMs`, added before the work): a server with this response time.
     */
    responseTimeMs: number;
    emptyListStyle: EmptyListStyle;
    flattened: boolean;
    v1Access: boolean;
  };
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json;charset=UTF-8';

export async function startPowerSchoolSim(options: PowerSchoolSimOptions = {}): Promise<PowerSchoolSim> {
  const catalog = options.catalog ?? loadQueryCatalog();
  const db = openSimDatabase(options.database);
  const facts = options.district === false ? undefined : generateDistrict(db, options.district ?? {});
  const tokens = new SimTokens(options.tokenLifetimeSeconds ?? 30 * 24 * 3600);
  const faults = new Faults();
  const requests: PsRequestLogEntry[] = [];
  const access = new AccessRequest(options.access ?? accessRequestFields(catalog.queries, []));
  const powerQueries = new PowerQueryRunner(db);
  const live = {
    maxPageSize: options.maxPageSize ?? 100,
    pageCap: options.pageCap,
    minRequestIntervalMs: options.minRequestIntervalMs ?? 0,
    responseTimeMs: 0,
    emptyListStyle: options.emptyListStyle ?? 'missing',
    flattened: options.flattened ?? true,
    v1Access: options.v1Access ?? false,
  };
  const clientId = options.clientId ?? 'sim-client-id-7ebf0a8e';
  const clientSecret = options.clientSecret ?? 'sim-client-secret-1f8c6f57';
  let lastArrival: number | undefined;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(req, res, 500, { message: `Simulator error: ${(error as Error).message}` });
    });
  });
  const destroySockets = trackSockets(server);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = performance.now();
    const url = new URL(req.url ?? '/', originOf(req));
    const authHeader = req.headers.authorization ?? '';
    const entry: PsRequestLogEntry = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      status: 0,
      at: arrived,
      auth: authHeader.startsWith('Basic ') ? 'basic' : authHeader.startsWith('Bearer ') ? 'bearer' : 'none',
      accept: String(req.headers.accept ?? ''),
      ...(authHeader.startsWith('Bearer ') ? { token: authHeader.slice(7) } : {}),
    };
    requests.push(entry);
    res.on('finish', () => {
      entry.status = res.statusCode;
      entry.finishedAt = performance.now();
    });
    const tooSoon = live.minRequestIntervalMs > 0 && lastArrival !== undefined && arrived - lastArrival < live.minRequestIntervalMs;
    lastArrival = arrived;
    if (live.responseTimeMs > 0) holdAnswerUntil(res, arrived + live.responseTimeMs);
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    const fault = faults.take(entry.method, url.pathname);
    if (fault) return answerFault(req, res, fault, entry, faultWording(req, res));
    if (tooSoon)
      return send(
        req,
        res,
        429,
        { message: 'Too many requests: this server enforces a minimum interval between requests' },
        { 'retry-after': '1' },
      );
    if (url.pathname === '/oauth/access_token') return issueToken(req, res, authHeader);
    if (!url.pathname.startsWith('/ws/')) return send(req, res, 404, { message: 'Not Found' });
    if (!entry.token || !tokens.valid(entry.token)) return send(req, res, 401, { message: 'Invalid or expired access token' });
    await route(req, res, url, entry);
  }

  async function issueToken(req: IncomingMessage, res: ServerResponse, authHeader: string): Promise<void> {
    if (req.method !== 'POST') return send(req, res, 405, { error: 'method_not_allowed' });
    const body = (await readBody(req)).toString('utf8');
    const [id, secret] = Buffer.from(authHeader.replace(/^Basic /, ''), 'base64')
      .toString('utf8')
      .split(':');
    if (id !== clientId || secret !== clientSecret)
      return send(req, res, 401, { error: 'invalid_client', error_description: 'Bad client credentials' });
    if (new URLSearchParams(body).get('grant_type') !== 'client_credentials')
      return send(req, res, 400, { error: 'unsupported_grant_type' });
    send(req, res, 200, tokens.issue());
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, entry: PsRequestLogEntry): Promise<void> {
    const path = url.pathname.replace(/\/$/, '');
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const asked = Number(url.searchParams.get('pagesize') ?? 100);
    const pageSize = Math.min(Number.isFinite(asked) && asked > 0 ? asked : live.maxPageSize, live.maxPageSize);
    // A server that caps schema pages below its metadata serves them at its own size.
    const cappedPageSize = Math.min(pageSize, live.pageCap ?? pageSize);
    // Any plugin's token may read the metadata; the rest of ws/v1 needs the v1 access level.
    if (path === '/ws/v1/metadata') return send(req, res, 200, { metadata: metadata() });
    if (path.startsWith('/ws/v1/') && !live.v1Access)
      return send(req, res, 403, { message: 'Access denied: the plugin has no access to the v1 API (accessLevelV1Api)' });
    if (path === '/ws/v1/district')
      return send(req, res, 200, {
        district: { '@expansions': 'addresses', name: 'Simulated Unified School District', district_number: '9999' },
      });
    const v1 = /^\/ws\/v1\/(?:district\/(school)|school\/(\d+)\/(student|staff|section))(\/count)?$/.exec(path);
    if (v1 && req.method === 'GET') {
      const resource = V1_RESOURCES[(v1[1] ?? v1[3]) as string] as (typeof V1_RESOURCES)[string];
      const schoolId = v1[2] ? Number(v1[2]) : undefined;
      if (v1[4]) return send(req, res, 200, { resource: { count: resource.count(db, schoolId) } });
      return send(req, res, 200, v1ListBody(resource, resource.page(db, schoolId, (page - 1) * pageSize, pageSize), live.emptyListStyle));
    }
    const query = /^\/ws\/schema\/query\/([^/]+)(\/count)?$/.exec(path);
    if (query) {
      return runPowerQuery(req, res, entry, decodeURIComponent(query[1] as string), Boolean(query[2]), page, cappedPageSize);
    }
    const table = /^\/ws\/schema\/table\/([a-z_][a-z0-9_]*)(\/count)?$/i.exec(path);
    if (table && req.method === 'GET')
      return readTable(req, res, (table[1] as string).toLowerCase(), Boolean(table[2]), url, page, cappedPageSize);
    send(req, res, 404, { message: 'Not Found' });
  }

  async function runPowerQuery(
    req: IncomingMessage,
    res: ServerResponse,
    entry: PsRequestLogEntry,
    name: string,
    count: boolean,
    page: number,
    pageSize: number,
  ): Promise<void> {
    if (req.method !== 'POST') return send(req, res, 405, { message: 'HTTP 405 Method Not Allowed' });
    const query = catalog.queries.find((q) => q.name === name);
    if (!query) return send(req, res, 404, { message: `Named query not found: ${name}` });
    const text = (await readBody(req)).toString('utf8');
    let args: QueryArgs;
    try {
      args = text.trim() ? (JSON.parse(text) as QueryArgs) : {};
    } catch {
      return send(req, res, 400, { message: 'Invalid JSON body' });
    }
    const missing = access.missing(query.fieldsRead);
    if (missing.length) return send(req, res, 403, noAccessBody(name, missing));
    try {
      if (count) {
        const total = powerQueries.count(query, args);
        Object.assign(entry, { rowsEvaluated: total, rowsReturned: 0 });
        return send(req, res, 200, { count: total });
      }
      const { rows, evaluated } = powerQueries.evaluatePage(query, args, page, pageSize);
      Object.assign(entry, { rowsEvaluated: evaluated, rowsReturned: rows.length });
      const records = live.flattened ? rows : rows.map((row, i) => groupedRecord(query, row, (page - 1) * pageSize + i + 1));
      send(
        req,
        res,
        200,
        withList({ name: query.coreTable.toLowerCase(), '@extensions': STUDENT_EXTENSIONS }, 'record', records, live.emptyListStyle),
      );
    } catch (error) {
      if (error instanceof QueryArgError) return send(req, res, 400, { message: error.message });
      throw error;
    }
  }

  function readTable(
    req: IncomingMessage,
    res: ServerResponse,
    table: string,
    count: boolean,
    url: URL,
    page: number,
    pageSize: number,
  ): void {
    const resolved = resolveProjection(db, table, url.searchParams.get('projection') ?? '*');
    if (resolved.kind === 'not-found') return send(req, res, 404, { message: `Table not found: ${table}` });
    // Counting rows reads no field.
    if (count) return send(req, res, 200, { count: countTable(db, table) });
    if (resolved.kind === 'bad-field') return send(req, res, 400, { message: `Invalid field ${resolved.field}` });
    const missing = access.missing(resolved.fields);
    if (missing.length) return send(req, res, 403, noAccessBody(table, missing));
    send(req, res, 200, withList({ name: table }, 'record', tablePage(db, table, resolved.fields, page, pageSize), live.emptyListStyle));
  }

  function metadata(): Record<string, string> {
    // Numbers arrive as strings, like much of PowerSchool's JSON.
    const max = String(live.maxPageSize);
    return {
      plugin_id: '4242',
      powerschool_version: '24.7.0.0.247591',
      state: 'XX',
      schema_table_query_max_page_size: max,
      school_max_page_size: max,
      student_max_page_size: max,
      staff_max_page_size: max,
      section_max_page_size: max,
    };
  }

  function faultWording(req: IncomingMessage, res: ServerResponse): FaultWording {
    return {
      outagePage: '<!DOCTYPE html><html><head><title>PowerSchool is down for maintenance</title></head><body></body></html>',
      cutJson: '{"name":"students","record":[{"student_id":"1',
      jsonType: JSON_TYPE,
      answerStatus: (fault) => send(req, res, fault.status, fault.body ?? { message: 'Internal Server Error' }, fault.headers),
    };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
    clientId,
    clientSecret,
    db,
    facts,
    faults,
    access,
    tokens,
    requests,
    live,
    close: async () => {
      destroySockets();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}

/** JSON, or PowerSchool's XML error body when the client asked for XML. */
function send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const wantsXml =
    String(req.headers.accept ?? '').includes('xml') && status >= 400 && typeof (body as { message?: unknown }).message === 'string';
  const text = wantsXml ? errorXml(body as { message: string; errors?: Array<Record<string, string>> }) : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': wantsXml ? 'application/xml;charset=UTF-8' : JSON_TYPE,
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
