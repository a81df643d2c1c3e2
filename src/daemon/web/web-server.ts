import { createServer, type IncomingMessage, type Server } from 'node:http';
import { listen, type ListeningServer } from '../listening-server.js';
import { PAGE_CSS_HASH } from './page-style.js';

// The approval page's own listener: turns requests into WebRequests for the routes and writes
// their answers with the headers every answer carries. Nothing here knows about holds.

export interface WebRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Form fields of a POST (application/x-www-form-urlencoded). */
  form: URLSearchParams;
  client: string;
  /** Sec-Fetch-Site, when the browser sent it. */
  fetchSite: string | undefined;
}

export interface WebResponse {
  status: number;
  html?: string;
  /** A relative address to send the browser to (303 after a POST). */
  location?: string;
  allow?: string;
  retryAfterSeconds?: number;
}

export type WebServer = ListeningServer;

const MAX_FORM_BYTES = 4096;

// default-src 'none' forbids scripts, images, fonts and connections; the one inline style sheet
// is allowed by its hash; forms may post only here; no one may frame the page (clickjacking).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src '${PAGE_CSS_HASH}'`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const COMMON_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export async function startWebServer(
  host: string,
  port: number,
  handle: (request: WebRequest) => Promise<WebResponse>,
  onError: (error: unknown) => void,
): Promise<WebServer> {
  const server: Server = createServer((req, res) => {
    toWebRequest(req)
      .then(handle)
      .then(
        (answer) => {
          const headers: Record<string, string> = { ...COMMON_HEADERS };
          if (answer.location) headers.location = answer.location;
          if (answer.allow) headers.allow = answer.allow;
          if (answer.retryAfterSeconds) headers['retry-after'] = String(answer.retryAfterSeconds);
          if (answer.html !== undefined) headers['content-type'] = 'text/html; charset=utf-8';
          res.writeHead(answer.status, headers).end(req.method === 'HEAD' ? undefined : answer.html);
        },
        (error: unknown) => {
          onError(error);
          if (!res.headersSent) res.writeHead(500, { ...COMMON_HEADERS, 'content-type': 'text/plain' }).end('Internal error\n');
        },
      );
  });
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  return listen(server, port, host);
}

async function toWebRequest(req: IncomingMessage): Promise<WebRequest> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  const form = method === 'POST' ? new URLSearchParams(await readBody(req)) : new URLSearchParams();
  const fetchSite = req.headers['sec-fetch-site'];
  return {
    method,
    path: url.pathname,
    query: url.searchParams,
    form,
    client: clientAddress(req),
    fetchSite: typeof fetchSite === 'string' ? fetchSite : undefined,
  };
}

/**
 * The address to rate-limit: the peer, or, when the peer is a proxy on this machine, the address
 * it added last to X-Forwarded-For (the one it saw; earlier entries are the client's own claim).
 */
export function clientAddress(req: IncomingMessage): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  const forwarded = req.headers['x-forwarded-for'];
  const isLoopback = peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1';
  if (!isLoopback || typeof forwarded !== 'string') return peer;
  const last = forwarded.split(',').pop()?.trim();
  return last || peer;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // A form here holds two short fields; anything larger is not ours, and is not read on.
    if (size > MAX_FORM_BYTES) return '';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
