import nodemailer from 'nodemailer';
import { NotifyError } from '../errors.js';
import { scrubSecrets } from '../util/secrets.js';
import type { SmtpOptions } from './mail-settings.js';

// Sends one email over SMTP with nodemailer, and turns what can go wrong into a NotifyError
// that says which side to look at: the network, the login, TLS, or the message itself.

export interface OutgoingEmail {
  from: string;
  to: readonly string[];
  subject: string;
  text: string;
  html: string;
  /** The same on every attempt of one message (see message-id.ts); nodemailer makes one up otherwise. */
  messageId?: string;
}

export interface SendResult {
  accepted: string[];
  /** Addresses the server refused while taking the message for the others. */
  rejected: string[];
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<SendResult>;
  /** Connects and logs in without sending anything. */
  verify(): Promise<void>;
  close(): void;
}

/** Codes after which no other message will get through either: stop trying for this run. */
export const CONNECTION_CODES: ReadonlySet<string> = new Set(['NOTIFY_CONNECT', 'NOTIFY_TLS', 'NOTIFY_AUTH']);

export function createSmtpMailer(smtp: SmtpOptions): Mailer {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.implicitTls,
    requireTLS: !smtp.implicitTls && smtp.requireTls,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password } } : {}),
    tls: { minVersion: 'TLSv1.2', ...(smtp.ca ? { ca: smtp.ca } : {}) },
    connectionTimeout: smtp.timeoutMs,
    greetingTimeout: smtp.timeoutMs,
    socketTimeout: smtp.timeoutMs,
    // Digests are built from text only; nothing in one may make nodemailer read a file or a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  });
  const where = `${smtp.host}:${smtp.port}`;
  return {
    async send(email) {
      try {
        const info = await transport.sendMail({
          from: email.from,
          to: [...email.to],
          subject: email.subject,
          text: email.text,
          html: email.html,
          ...(email.messageId ? { messageId: email.messageId } : {}),
          headers: {
            // RFC 3834: an automatic message; out-of-office replies must not answer it.
            'Auto-Submitted': 'auto-generated',
            'X-Auto-Response-Suppress': 'All',
          },
        });
        return { accepted: info.accepted.map(String), rejected: info.rejected.map(String) };
      } catch (error) {
        throw mailError(error, where);
      }
    },
    async verify() {
      try {
        await transport.verify();
      } catch (error) {
        throw mailError(error, where);
      }
    },
    close() {
      transport.close();
    },
  };
}

interface NodemailerFailure {
  code?: string;
  responseCode?: number;
  permanent?: boolean;
  message?: string;
}

function mailError(error: unknown, where: string): NotifyError {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as NodemailerFailure;
  const said = scrubSecrets(failure.message ?? String(error));
  switch (failure.code) {
    case 'EAUTH':
    case 'ENOAUTH':
      return new NotifyError(`The mail server ${where} refused the login: ${said}`, {
        code: 'NOTIFY_AUTH',
        hint: 'Check notify.smtpUser and notify.smtpPassword (or SIS_SYNC_NOTIFY_SMTP_PASSWORD_FILE).',
        cause: error,
      });
    case 'ETLS':
      return new NotifyError(`No secure connection to the mail server ${where}: ${said}`, {
        code: 'NOTIFY_TLS',
        hint: 'Use smtps:// for a server that expects TLS from the start (port 465); for a certificate from an internal authority, set notify.smtpCaFile. A server with no TLS at all needs notify.smtpRequireTls: false and no password.',
        cause: error,
      });
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'ETIMEDOUT':
    case 'EDNS':
      if (/certificate|self[- ]signed|altnames|handshake|SSL|TLS/i.test(said)) {
        return new NotifyError(`No secure connection to the mail server ${where}: ${said}`, {
          code: 'NOTIFY_TLS',
          hint: "The server's certificate is not trusted or does not match its name: set notify.smtpCaFile to the certificate authority that signed it, or use the name on the certificate in notify.smtpUrl.",
          cause: error,
        });
      }
      return new NotifyError(`Cannot reach the mail server ${where}: ${said}`, {
        code: 'NOTIFY_CONNECT',
        hint: 'Check the host and port in notify.smtpUrl, and that this server may connect to it (firewall, DNS).',
        cause: error,
      });
    default:
      return new NotifyError(`The mail server ${where} did not take the message: ${said}`, {
        code: failure.permanent ? 'NOTIFY_REJECTED' : 'NOTIFY_DEFERRED',
        hint: failure.permanent
          ? 'Check that notify.from may send through this server and that the recipient addresses in notify.* exist.'
          : 'The server asked to try later; the message waits in the outbox and goes with the next run.',
        cause: error,
      });
  }
}
