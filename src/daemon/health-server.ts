import { createServer, type Server } from 'node:http';
import type { HealthReport } from './health.js';
import { listen, type ListeningServer } from './listening-server.js';

// A small HTTP server for orchestrators and Prometheus: GET /healthz and GET /metrics, nothing
// else. It holds no secrets and changes nothing; it binds to 127.0.0.1 unless told otherwise.

export interface HealthServerOptions {
  host: string;
  port: number;
  health: () => HealthReport;
  metrics: () => Promise<{ contentType: string; text: string }>;
}

export type HealthServer = ListeningServer;

export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('Method not allowed\n');
      return;
    }
    if (path === '/healthz') {
      const report = options.health();
      const body = `${JSON.stringify(report, null, 2)}\n`;
      res.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
      return;
    }
    if (path === '/metrics') {
      options.metrics().then(
        ({ contentType, text }) => res.writeHead(200, { 'content-type': contentType }).end(text),
        (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`Metrics failed: ${(error as Error).message}\n`),
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: try /healthz or /metrics\n');
  });
  // Scrapes and probes are short; keep-alive sockets must not hold the shutdown up.
  server.keepAliveTimeout = 1_000;
  return listen(server, options.port, options.host);
}
