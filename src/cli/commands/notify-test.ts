import { hostname } from 'node:os';
import { isEmailAddress } from '../../config/formats.js';
import { ConfigError, EXIT, UsageError } from '../../errors.js';
import { mailSettingsFrom } from '../../notify/mail-settings.js';
import { createSmtpMailer } from '../../notify/mailer.js';
import { allRecipients } from '../../notify/recipients.js';
import { composeTestMessage } from '../../notify/test-message.js';
import type { CommandContext } from '../context.js';

/** `sis-sync notify test`: sends each recipient (or --to) a test message now; exit 1 when one fails. */
export async function notifyTestCommand(ctx: CommandContext, options: { to?: string[] }): Promise<number> {
  const mail = mailSettingsFrom(ctx.settings);
  if (!mail) {
    throw new ConfigError('Mail is not configured: notify.smtpUrl is empty', {
      code: 'CONFIG_MISSING',
      key: 'notify.smtpUrl',
      hint: 'Set notify.smtpUrl, notify.from, and the recipients in notify.errors, notify.missingUsers, notify.changes or notify.held.',
    });
  }
  const bad = (options.to ?? []).filter((address) => !isEmailAddress(address));
  if (bad.length > 0) throw new UsageError(`--to expects email addresses; not one: ${bad.join(', ')}`, { code: 'USAGE_BAD_ADDRESS' });
  const recipients = options.to && options.to.length > 0 ? options.to : allRecipients(mail.recipients);
  if (recipients.length === 0) {
    throw new ConfigError('No recipients: every notify.* recipient list is empty', {
      code: 'CONFIG_MISSING',
      key: 'notify.errors',
      hint: 'Add addresses to notify.errors (or another list), or name one with --to.',
    });
  }
  const mailer = createSmtpMailer(mail.smtp);
  try {
    for (const recipient of recipients) {
      const email = composeTestMessage(mail, recipient, hostname());
      await mailer.send({ from: mail.from, to: [recipient], ...email });
      ctx.out(`sent a test message to ${recipient}`);
    }
    return EXIT.done;
  } finally {
    mailer.close();
  }
}
