import type { Settings } from '../config/settings.js';
import { createAspirEduClient, createSource } from './wiring.js';
import type { Logger } from '../log/logger.js';
import { describeSmtp, mailSettingsFrom } from '../notify/mail-settings.js';
import { createSmtpMailer } from '../notify/mailer.js';
import { mappingChecks } from '../mapping/checks.js';
import { powerSchoolChecks } from '../sources/powerschool/api/checks.js';
import { oracleChecks } from '../sources/powerschool/oracle/checks.js';
import { openStateReadOnly } from '../state/store.js';
import { placeholderKnownError } from '../sync/placeholder-check.js';

// `sis-sync check`: every configured connection is tried, without changing anything. Each
// part of the service contributes its checks here; a check resolves to what it saw, or throws
// the error a person needs to read.

export interface Check {
  name: string;
  run(signal?: AbortSignal): Promise<string>;
  /** The check that must pass first (the connection a query needs); when it fails, this one is not tried. */
  needs?: string;
}

export type CheckProvider = (settings: Settings, log: Logger) => Check[];

/** Rows files are read whole; a roster source is checked by its own checks (PowerSchool, Oracle, mapping) without reading everything. */
const sourceChecks: CheckProvider = (settings, log) =>
  settings.source.type !== 'file'
    ? []
    : [
        {
          name: `Source (${settings.source.type})`,
          async run(signal) {
            const loaded = await createSource(settings, log).load(signal);
            return `read ${loaded.desired.size} dashboards${loaded.warnings.length ? `, ${loaded.warnings.length} warnings` : ''}`;
          },
        },
      ];

const aspireduChecks: CheckProvider = (settings, log) => [
  {
    name: 'AspirEDU API',
    async run() {
      const client = createAspirEduClient(settings, log);
      try {
        for await (const upload of client.listUploads()) return `token accepted; newest upload ${upload.id} (${upload.status})`;
        return 'token accepted; no uploads yet';
      } finally {
        await client.close();
      }
    },
  },
];

/** Only when a mail server is configured: connects, and logs in when a user is set. Sends nothing. */
const smtpChecks: CheckProvider = (settings) => {
  if (settings.notify.smtpUrl === '') return [];
  return [
    {
      name: 'Mail server (SMTP)',
      async run() {
        const mail = mailSettingsFrom(settings);
        if (!mail) return 'not configured';
        const mailer = createSmtpMailer(mail.smtp);
        try {
          await mailer.verify();
          return `connected to ${describeSmtp(mail.smtp)}${mail.smtp.user ? '; login accepted' : ''}`;
        } finally {
          mailer.close();
        }
      },
    },
  ];
};

/**
 * Whether AspirEDU knows sync.emptyPlaceholderId. Its API cannot look a user up, so the only
 * evidence is the last upload that emptied a dashboard with it (from the state store): AspirEDU
 * must have reported the id missing.
 */
const placeholderChecks: CheckProvider = (settings) => [
  {
    name: 'Empty-dashboard placeholder',
    async run() {
      const id = settings.sync.emptyPlaceholderId;
      const store = openStateReadOnly(settings.state.dir);
      const evidence = store?.uploads.placeholderEvidence(id);
      store?.close();
      if (!evidence) {
        return `"${id}" not tested yet: AspirEDU's API cannot look a user up, and no upload has emptied a dashboard with it; the first one will tell (sis-sync stops if AspirEDU knows it)`;
      }
      const upload = `upload ${evidence.apiId} (${evidence.finishedAt})`;
      if (evidence.reportedMissing) return `"${id}" is unknown to AspirEDU, as it must be: ${upload} reported it missing`;
      throw placeholderKnownError(id, `${upload} emptied dashboards with it and ended "${evidence.status}" without reporting it missing`);
    },
  },
];

export const CHECK_PROVIDERS: readonly CheckProvider[] = [
  sourceChecks,
  powerSchoolChecks,
  oracleChecks,
  mappingChecks,
  aspireduChecks,
  placeholderChecks,
  smtpChecks,
];

export function configuredChecks(settings: Settings, log: Logger): Check[] {
  return CHECK_PROVIDERS.flatMap((provider) => provider(settings, log));
}
