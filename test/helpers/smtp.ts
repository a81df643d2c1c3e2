import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

// A real SMTP server on 127.0.0.1 (the `smtp-server` package) that keeps what it receives,
// parsed by `mailparser`, and can be told to refuse.

export const TEST_CERT_FILE = new URL('../fixtures/tls/smtp-test-cert.pem', import.meta.url).pathname;
const TEST_KEY_FILE = new URL('../fixtures/tls/smtp-test-key.pem', import.meta.url).pathname;

export interface ReceivedMail {
  /** Envelope sender and recipients, as the server saw them. */
  mailFrom: string;
  rcptTo: string[];
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  raw: string;
  /** The login used, if any, and whether the session was encrypted. */
  user: string | undefined;
  secure: boolean;
}

export interface TestSmtpOptions {
  /** starttls: plain connection offering STARTTLS; implicit: TLS from the start; none: no TLS at all. */
  tls?: 'starttls' | 'implicit' | 'none';
  /** Require this login. */
  auth?: { user: string; pass: string };
  /** A fixed port, e.g. to bring back a server that was down; any free port by default. */
  port?: number;
}

export interface TestSmtp {
  port: number;
  /** smtp://127.0.0.1:port or smtps://127.0.0.1:port */
  url: string;
  messages: ReceivedMail[];
  /** Messages with at least one recipient `address`. */
  to(address: string): ReceivedMail[];
  /** While set, every message is refused with this reply (e.g. "550 Relay denied" or "451 Try later"). */
  refuse: { code: number; message: string } | undefined;
  /** Sessions opened, including ones that sent nothing (verify, refused). */
  connections: number;
  close(): Promise<void>;
}

export async function startTestSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const tlsMode = options.tls ?? 'none';
  const messages: ReceivedMail[] = [];
  const state: { refuse: TestSmtp['refuse']; connections: number } = { refuse: undefined, connections: 0 };
  const serverOptions: SMTPServerOptions = {
    logger: false,
    disableReverseLookup: true,
    secure: tlsMode === 'implicit',
    ...(tlsMode === 'none' ? { hideSTARTTLS: true } : { key: readFileSync(TEST_KEY_FILE), cert: readFileSync(TEST_CERT_FILE) }),
    ...(options.auth
      ? {
          authMethods: ['PLAIN', 'LOGIN'],
          authOptional: false,
          onAuth(auth, _session, callback) {
            if (auth.username === options.auth?.user && auth.password === options.auth?.pass)
              return callback(null, { user: auth.username });
            const error = Object.assign(new Error('Invalid username or password'), { responseCode: 535 });
            return callback(error);
          },
        }
      : { authOptional: true, disabledCommands: ['AUTH'] }),
    onConnect(_session, callback) {
      state.connections++;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (state.refuse) return callback(Object.assign(new Error(state.refuse.message), { responseCode: state.refuse.code }));
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            messages.push({
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              rcptTo: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers: parsed.headers as Map<string, unknown>,
              raw: raw.toString('utf8'),
              user: session.user as string | undefined,
              secure: session.secure,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  server.on('error', () => undefined); // a client dropping mid-session is not a test failure
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `${tlsMode === 'implicit' ? 'smtps' : 'smtp'}://127.0.0.1:${port}`,
    messages,
    to: (address) => messages.filter((m) => m.rcptTo.includes(address)),
    get refuse() {
      return state.refuse;
    },
    set refuse(value) {
      state.refuse = value;
    },
    get connections() {
      return state.connections;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port on 127.0.0.1 where nothing listens: a mail server that is down. */
export async function closedPort(): Promise<number> {
  const smtp = await startTestSmtp();
  await smtp.close();
  return smtp.port;
}
