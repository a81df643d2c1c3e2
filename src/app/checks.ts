import type { Settings } from '../config/settings.js';
import { createAspirEduClient } from './wiring.js';
import type { Logger } from '../log/logger.js';
import { describeSmtp, mailSettingsFrom } from '../notify/mail-settings.js';
import { createSmtpMailer } from '../notify/mailer.js';
import { mappingChecks } from './mapping-checks.js';
import type { Check, CheckProvider } from '../sources/source-module.js';
import { SOURCES } from '../sources/registry.js';
import { openStateReadOnly } from '../state/store.js';
import { placeholderKnownError } from '../sync/placeholder-check.js';

// `sis-sync check`: every configured connection is tried, without changing anything. Each
// source brings its checks (sources/registry.ts), the other parts contribute theirs here; a
// check resolves to what it saw, or throws the error a person needs to read.

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
  ...SOURCES.map((source) => source.checks),
  mappingChecks,
  aspireduChecks,
  placeholderChecks,
  smtpChecks,
];

export function configuredChecks(settings: Settings, log: Logger): Check[] {
  return CHECK_PROVIDERS.flatMap((provider) => provider(settings, log));
}
