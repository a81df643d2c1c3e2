import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

// A mail catcher for the demo: a real SMTP server on 127.0.0.1 that writes each message it
// receives to a .eml file (openable in any mail program), and remembers who it was for.

export interface MailSink {
  url: string;
  dir: string;
  received: Array<{ file: string; to: string[] }>;
  close(): Promise<void>;
}

export async function startMailSink(dir: string): Promise<MailSink> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const received: MailSink['received'] = [];
  const server = new SMTPServer({
    logger: false,
    disableReverseLookup: true,
    authOptional: true,
    hideSTARTTLS: true,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const file = join(dir, `${String(received.length + 1).padStart(3, '0')}.eml`);
        writeFileSync(file, raw, { mode: 0o600 });
        received.push({ file, to: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, dir, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
