import type convict from 'convict';

// Digest emails: the mail server, who receives which kind of news, and how often reminders
// and heartbeats may come.

export interface NotifySettings {
  notify: {
    smtpUrl: string;
    smtpUser: string;
    smtpPassword: string;
    smtpRequireTls: boolean;
    smtpCaFile: string;
    smtpTimeoutSeconds: number;
    from: string;
    districtName: string;
    timeZone: string;
    identify: 'names' | 'ids';
    errors: string[];
    missingUsers: string[];
    changes: string[];
    held: string[];
    drift: string[];
    reminderHours: number;
    heartbeatHours: number;
    outboxMaxAgeHours: number;
  };
}

export const notifySchema: convict.Schema<NotifySettings> = {
  notify: {
    smtpUrl: {
      doc: 'Mail server for digest emails: smtp://host:587 (STARTTLS) or smtps://host:465 (TLS from the start). Empty: no email',
      format: 'smtp-url',
      default: '',
    },
    smtpUser: {
      doc: 'User name for the mail server; empty when it takes mail without logging in',
      format: String,
      default: '',
    },
    smtpPassword: {
      doc: 'Password for the mail server. A secret: prefer SIS_SYNC_NOTIFY_SMTP_PASSWORD_FILE or a systemd credential',
      format: String,
      default: '',
      sensitive: true,
    },
    smtpRequireTls: {
      doc: 'Refuse to send over an unencrypted connection (smtp:// must then offer STARTTLS). Turn off only for a relay on your own network that has no TLS; a password is never sent unencrypted',
      format: 'boolean',
      default: true,
    },
    smtpCaFile: {
      doc: "PEM file of the certificate authority that signed the mail server's certificate, for a server with an internal certificate; replaces the system's list. Empty: the system's list",
      format: 'path',
      default: '',
    },
    smtpTimeoutSeconds: {
      doc: 'Seconds to wait for the mail server to connect or answer; a slow server never holds a run up for longer than a few of these',
      format: 'positive-number',
      default: 30,
    },
    from: {
      doc: 'Sender address of digest emails, e.g. sis-sync@yourdistrict.org',
      format: 'email-address',
      default: '',
    },
    districtName: {
      doc: 'District name at the start of every subject line',
      format: String,
      default: '',
    },
    timeZone: {
      doc: "Time zone for times in emails (IANA name such as America/Chicago), named after each time; empty: schedule.timezone, and when that is empty too, the server's zone",
      format: 'iana-timezone',
      default: '',
    },
    identify: {
      doc: 'How digests name students and staff: "names" (name, school and SIS id) or "ids" (SIS id and school only; names stay in the state store and the CLI)',
      format: ['names', 'ids'],
      default: 'names',
    },
    errors: {
      doc: 'Who hears about failed runs, uploads AspirEDU rejected, and recoveries (and the heartbeat). List of addresses; in the environment, separated by commas',
      format: 'email-list',
      default: [],
    },
    missingUsers: {
      doc: 'Who hears about students and staff AspirEDU does not know: new ones, and ones no longer missing',
      format: 'email-list',
      default: [],
    },
    changes: {
      doc: 'Who hears which dashboards changed, with members added and removed',
      format: 'email-list',
      default: [],
    },
    held: {
      doc: 'Who hears that the safety guard held a run, and what to do about it',
      format: 'email-list',
      default: [],
    },
    drift: {
      doc: 'Who hears what the scheduled drift check (drift.cron) found: dashboards edited in the web application, dashboards AspirEDU no longer has, dashboards not managed here',
      format: 'email-list',
      default: [],
    },
    reminderHours: {
      doc: 'A failure that repeats run after run is reported when it starts, again at most once per this many hours while it lasts, and once when it ends',
      format: 'positive-number',
      default: 24,
    },
    heartbeatHours: {
      doc: 'Send the notify.errors recipients a short "all fine" email when they have heard nothing for this many hours, so that silence never means sis-sync stopped. 0: never',
      format: 'non-negative-number',
      default: 0,
    },
    outboxMaxAgeHours: {
      doc: 'A digest the mail server would not take is tried again with every run for this many hours, then dropped (and logged)',
      format: 'positive-number',
      default: 72,
    },
  },
};
