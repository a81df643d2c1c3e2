import { describeError, EXIT } from '../../errors.js';
import { HttpService } from '../../http/http-service.js';
import type { CommandContext } from '../context.js';

// `sis-sync healthcheck`: asks a running daemon's /healthz and exits 0 (healthy) or 1, never
// anything else: Docker reserves exit code 2 of a HEALTHCHECK. The container's HEALTHCHECK
// uses it, so that the image needs no curl or wget.

const TIMEOUT_MS = 5_000;

export async function healthcheckCommand(context: () => CommandContext, options: { url?: string }): Promise<number> {
  let ctx: CommandContext;
  try {
    ctx = context();
  } catch (error) {
    process.stdout.write(`unhealthy: ${describeError(error)}\n`);
    return EXIT.failed;
  }
  const base = options.url ?? localUrl(ctx.settings.health.host, ctx.settings.health.port);
  const http = new HttpService({
    service: 'sis-sync health endpoint',
    errorKind: 'source',
    baseUrl: base,
    timeoutMs: TIMEOUT_MS,
    retry: { maxRetries: 0, minDelayMs: 0, maxDelayMs: 0, factor: 1 },
    log: ctx.log,
  });
  try {
    // One attempt, no retry: the orchestrator calling this is what retries.
    const response = await http.send({ method: 'GET', path: '/healthz' });
    const report = response.json as { status?: string; nextRun?: string | null; lastRun?: { outcome?: string } | null };
    ctx.out(`healthy: next run ${report.nextRun ?? 'not within 8 days'}; last run ${report.lastRun?.outcome ?? 'none yet'}`);
    return EXIT.done;
  } catch (error) {
    // The message carries the status and the daemon's reasons; the generic HTTP hint would mislead.
    ctx.out(`unhealthy: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  } finally {
    await http.close();
  }
}

/** A wildcard bind address is reached through loopback. */
function localUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  return `http://${reachable}:${port}`;
}
