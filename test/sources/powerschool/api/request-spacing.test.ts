import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../src/log/logger.js';
import { PowerSchoolClient } from '../../../../src/sources/powerschool/api/client.js';
import { TokenCache } from '../../../../src/sources/powerschool/api/token-cache.js';

// powerschool.minRequestIntervalSeconds as the server sees it: the time between requests
// arriving. A server on 127.0.0.1 that holds every new connection's TLS handshake for a while
// (a slow network or TLS terminator) delays the first request on that connection, but not the
// next one on a kept-alive connection: spacing the moments requests are handed to undici would
// then let them arrive nearly together. Arrivals are recorded when the server has read a
// request's headers.

const FIXTURES = join(import.meta.dirname, '../../../fixtures/tls');
const INTERVAL_MS = 250;
const HANDSHAKE_DELAY_MS = 600;
/** Longer than the interval, so that a request is still being answered when the next one goes out. */
const ANSWER_DELAY_MS = 400;
/** For the server's own event loop (the test's) noticing an arrival late: far below what a miss costs. */
const TOLERANCE_MS = 30;

interface SlowHandshakeServer {
  url: string;
  arrivals: Array<{ at: number; path: string }>;
  connections: () => number;
  close(): Promise<void>;
}

async function startSlowHandshakeServer(): Promise<SlowHandshakeServer> {
  const arrivals: SlowHandshakeServer['arrivals'] = [];
  const tls: HttpsServer = createHttpsServer(
    { key: readFileSync(join(FIXTURES, 'smtp-test-key.pem')), cert: readFileSync(join(FIXTURES, 'smtp-test-cert.pem')) },
    (req, res) => {
      arrivals.push({ at: performance.now(), path: req.url ?? '' });
      req.resume();
      const body =
        req.url === '/oauth/access_token'
          ? { access_token: 'spacing-test-token', token_type: 'Bearer', expires_in: '3600' }
          : { metadata: { schema_table_query_max_page_size: '100' } };
      const answer = () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url === '/oauth/access_token') answer();
      else setTimeout(answer, ANSWER_DELAY_MS);
    },
  );
  const sockets = new Set<Socket>();
  // The TCP connection is accepted at once; the TLS server sees it (and answers the client's
  // hello) only later, so the client cannot write its request before then.
  const front: NetServer = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    setTimeout(() => tls.emit('connection', socket), HANDSHAKE_DELAY_MS);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  let connections = 0;
  front.on('connection', () => connections++);
  return {
    url: `https://127.0.0.1:${(front.address() as AddressInfo).port}`,
    arrivals,
    connections: () => connections,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      tls.close();
    },
  };
}

let server: SlowHandshakeServer | undefined;
const rejectUnauthorized = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
beforeEach(() => {
  // The test certificate is self-signed; the client under test has no CA setting to trust it by.
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
});
afterEach(async () => {
  await server?.close();
  if (rejectUnauthorized === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = rejectUnauthorized;
});

describe('the minimum request interval, at the server', () => {
  it('holds between arrivals, token request included, when new connections are slow to open', async () => {
    server = await startSlowHandshakeServer();
    const log = silentLogger();
    const client = new PowerSchoolClient({
      url: server.url,
      clientId: 'spacing-client',
      clientSecret: 'spacing-secret',
      timeoutMs: 10_000,
      retry: { maxRetries: 0, minDelayMs: 1, maxDelayMs: 1, factor: 2 },
      log,
      concurrency: 2,
      minRequestIntervalMs: INTERVAL_MS,
      tokenCache: new TokenCache({ server: server.url, clientId: 'spacing-client', log }),
    });
    try {
      // The token first (a new connection), then six requests at once: some go out on the
      // kept-alive connection, one waits for a second connection's handshake.
      await Promise.all(Array.from({ length: 6 }, () => client.request({ method: 'GET', path: 'ws/v1/metadata' })));
    } finally {
      await client.close();
    }
    const { arrivals } = server;
    expect(arrivals.map((a) => a.path)).toEqual(['/oauth/access_token', ...Array<string>(6).fill('/ws/v1/metadata')]);
    expect(server.connections()).toBe(2);
    const gaps = arrivals.slice(1).map((a, i) => Math.round(a.at - (arrivals[i] as { at: number }).at));
    expect(Math.min(...gaps), `gaps between arrivals: ${gaps.join(', ')} ms`).toBeGreaterThanOrEqual(INTERVAL_MS - TOLERANCE_MS);
  });
});
