import { readFileSync } from 'node:fs';
import type { Settings } from '../config/settings.js';
import { ConfigError } from '../errors.js';
import type { Identify } from './compose/sections/context.js';
import { NEWS_KINDS } from './news.js';
import type { RecipientLists } from './recipients.js';

// The mail settings checked together, as a run needs them. Convict validates each key alone;
// the rules that tie keys to each other live here, each naming the key to fix.

export interface SmtpOptions {
  host: string;
  port: number;
  /** TLS from the first byte (smtps://), as opposed to STARTTLS on a plain connection. */
  implicitTls: boolean;
  requireTls: boolean;
  user: string;
  password: string;
  /** PEM text of the certificate authorities to trust instead of the system's. */
  ca: string | undefined;
  timeoutMs: number;
}

export interface MailSettings {
  smtp: SmtpOptions;
  from: string;
  district: string;
  /** notify.timeZone, else schedule.timezone; empty: the server's. */
  timeZone: string;
  identify: Identify;
  recipients: RecipientLists;
  reminderMs: number;
  /** 0: no heartbeat. */
  heartbeatMs: number;
  outboxMaxAgeMs: number;
}

const HOUR_MS = 3_600_000;

/** `undefined` when mail is off (no `notify.smtpUrl` and no recipients). */
export function mailSettingsFrom(settings: Settings): MailSettings | undefined {
  const notify = settings.notify;
  const recipients: RecipientLists = {
    errors: notify.errors,
    missingUsers: notify.missingUsers,
    changes: notify.changes,
    held: notify.held,
    drift: notify.drift,
  };
  const listed = NEWS_KINDS.filter((kind) => recipients[kind].length > 0);
  if (notify.smtpUrl === '') {
    if (listed.length === 0) return undefined;
    throw new ConfigError(`notify.${listed[0]} lists recipients, but notify.smtpUrl is empty: there is no mail server to send through`, {
      code: 'CONFIG_MISSING',
      key: 'notify.smtpUrl',
      hint: 'Set notify.smtpUrl (e.g. smtp://mail.yourdistrict.org:587), or empty the notify.* recipient lists.',
    });
  }
  if (notify.from === '') {
    throw new ConfigError('notify.from is empty: digest emails need a sender address', {
      code: 'CONFIG_MISSING',
      key: 'notify.from',
      hint: 'Set notify.from to an address your mail server accepts as sender, e.g. sis-sync@yourdistrict.org.',
    });
  }
  if (notify.smtpPassword !== '' && notify.smtpUser === '') {
    throw new ConfigError('notify.smtpPassword is set but notify.smtpUser is empty', {
      code: 'CONFIG_MISSING',
      key: 'notify.smtpUser',
      hint: 'Set the user name that goes with the password, or unset the password for a server that needs no login.',
    });
  }
  const url = new URL(notify.smtpUrl);
  const implicitTls = url.protocol === 'smtps:';
  if (!implicitTls && !notify.smtpRequireTls && notify.smtpPassword !== '') {
    throw new ConfigError('notify.smtpRequireTls is off while a password is set: the password could cross the network unencrypted', {
      code: 'CONFIG_INSECURE_SMTP',
      key: 'notify.smtpRequireTls',
      hint: 'Turn notify.smtpRequireTls back on (the server must then offer STARTTLS), or use smtps://.',
    });
  }
  return {
    smtp: {
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port ? Number(url.port) : implicitTls ? 465 : 587,
      implicitTls,
      requireTls: notify.smtpRequireTls,
      user: notify.smtpUser,
      password: notify.smtpPassword,
      ca: notify.smtpCaFile ? readCaFile(notify.smtpCaFile) : undefined,
      timeoutMs: notify.smtpTimeoutSeconds * 1000,
    },
    from: notify.from,
    district: notify.districtName,
    // One zone for the whole configuration unless mail needs its own: the schedule's zone is the district's.
    timeZone: notify.timeZone || settings.schedule.timezone,
    identify: notify.identify,
    recipients,
    reminderMs: notify.reminderHours * HOUR_MS,
    heartbeatMs: notify.heartbeatHours * HOUR_MS,
    outboxMaxAgeMs: notify.outboxMaxAgeHours * HOUR_MS,
  };
}

function readCaFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read notify.smtpCaFile ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      code: 'CONFIG_FILE_MISSING',
      key: 'notify.smtpCaFile',
      hint: 'Point it at a PEM file the service user can read, or leave it empty to trust the system certificate authorities.',
      cause: error,
    });
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError(`notify.smtpCaFile ${path} holds no PEM certificate`, {
      code: 'CONFIG_INVALID',
      key: 'notify.smtpCaFile',
      hint: 'Expected one or more "-----BEGIN CERTIFICATE-----" blocks.',
    });
  }
  return text;
}

/** How the connection is secured, in words for `check` and the log. */
export function describeSmtp(smtp: SmtpOptions): string {
  const security = smtp.implicitTls ? 'TLS' : smtp.requireTls ? 'STARTTLS (required)' : 'STARTTLS if offered';
  return `${smtp.host}:${smtp.port} over ${security}${smtp.user ? ` as ${smtp.user}` : ''}`;
}
