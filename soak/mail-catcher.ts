import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// The district's mail server for the soak: a real SMTP server on 127.0.0.1 that keeps every
// digest it takes (parsed), can go down for days (its port closed) and come back on the same
// port, can refuse mail for a while, and tells the soak the moment it took a message, so that
// the sender can be killed right after the server said yes.

export interface CaughtMail {
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  /** The soak day it arrived on. */
  day: number;
}

export interface MailCatcher {
  url: string;
  messages: CaughtMail[];
  readonly up: boolean;
  /** Set while every message is refused with "451 Try again later". */
  refusing: boolean;
  /** Called once a message is stored, right before the server answers 250. */
  onMessage: ((mail: CaughtMail) => void) | undefined;
  /** Stamped on each message that arrives. */
  day: number;
  down(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startMailCatcher(): Promise<MailCatcher> {
  let server: SMTPServer | undefined;
  let port = 0;
  const catcher: MailCatcher = {
    url: '',
    messages: [],
    get up() {
      return server !== undefined;
    },
    refusing: false,
    onMessage: undefined,
    day: 0,
    down: async () => {
      const stopping = server;
      server = undefined;
      if (stopping) await new Promise<void>((resolve) => stopping.close(() => resolve()));
    },
    restore: async () => {
      if (!server) server = await listen(port);
    },
    close: () => catcher.down(),
  };

  async function listen(on: number): Promise<SMTPServer> {
    const smtp = new SMTPServer({
      logger: false,
      disableReverseLookup: true,
      authOptional: true,
      disabledCommands: ['AUTH'],
      hideSTARTTLS: true,
      // A sender killed mid-session must not keep the server from closing for the next outage.
      closeTimeout: 500,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (catcher.refusing) return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          simpleParser(Buffer.concat(chunks)).then(
            (parsed) => {
              const mail: CaughtMail = {
                messageId: parsed.messageId ?? '',
                to: session.envelope.rcptTo.map((r) => r.address),
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                day: catcher.day,
              };
              catcher.messages.push(mail);
              callback();
              catcher.onMessage?.(mail);
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
    smtp.on('error', () => undefined); // a sender killed mid-session is part of the soak
    await new Promise<void>((resolve) => smtp.listen(on, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;
    return smtp;
  }

  server = await listen(0);
  catcher.url = `smtp://127.0.0.1:${port}`;
  return catcher;
}
