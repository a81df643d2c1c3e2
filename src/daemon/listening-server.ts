import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// The daemon's HTTP servers (health and metrics, the approval pages) bind the same way: a port
// in use fails the start instead of being retried, and closing ends kept-alive connections too,
// so that a stopping daemon does not wait on a browser or a scraper.

export interface ListeningServer {
  url: string;
  close(): Promise<void>;
}

export async function listen(server: Server, port: number, host: string): Promise<ListeningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
