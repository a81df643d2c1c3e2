import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

// Small helpers shared by the simulators' HTTP servers.

export async function readBody(req: IncomingMessage, limitBytes = 64 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new Error(`request body larger than ${limitBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, contentType: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Cuts the connection without an answer, as a crashed proxy or a network fault would. */
export function dropConnection(req: IncomingMessage): void {
  (req.socket as Socket).destroy();
}

export function originOf(req: IncomingMessage): string {
  return `http://${req.headers.host ?? '127.0.0.1'}`;
}

/**
 * Holds the end of an answer until `due` (a performance.now() time): a server whose response
 * time, its own work included, is at least some latency. The work is done while the time runs.
 */
export function holdAnswerUntil(res: ServerResponse, due: number): void {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    const wait = due - performance.now();
    if (wait <= 0) return end(...args);
    setTimeout(() => end(...args), wait);
    return res;
  }) as ServerResponse['end'];
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Tracks open sockets so that `close()` does not wait for idle keep-alive connections. */
export function trackSockets(server: import('node:http').Server): () => void {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return () => {
    for (const socket of sockets) socket.destroy();
  };
}
