import type { ComposedEmail } from './compose/compose-digest.js';
import { heading, list, paragraph, type Block } from './compose/blocks.js';
import { renderHtml } from './compose/render-html.js';
import { renderText } from './compose/render-text.js';
import { describeSmtp, type MailSettings } from './mail-settings.js';
import type { NewsKind } from './news.js';
import { kindsFor } from './recipients.js';

// `sis-sync notify test`: a short email that proves the path works and tells each reader
// which kinds of news they will get.

const KIND_WORDS: Record<NewsKind, string> = {
  errors: 'problems: failed runs, uploads AspirEDU rejected, and when they are fixed (and the "all is well" heartbeat, if on)',
  missingUsers: 'students and staff AspirEDU does not know, and when they are no longer missing',
  changes: 'which dashboards changed, with how many members were added and removed',
  held: 'runs the safety guard held because they would remove many members, and how to approve them',
  drift: 'dashboards someone changed in the web application since sis-sync uploaded them (the scheduled drift check)',
};

export function composeTestMessage(mail: MailSettings, recipient: string, host: string): ComposedEmail {
  const kinds = kindsFor(mail.recipients, recipient);
  const subject = `${mail.district ? `${mail.district}: ` : ''}sis-sync test message`;
  const blocks: Block[] = [
    heading('sis-sync can send you email'),
    paragraph(`This test message went through the mail server ${describeSmtp(mail.smtp)}.`),
    ...(kinds.length > 0
      ? [paragraph('You will receive at most one email per sync run, holding:'), list(kinds.map((kind) => KIND_WORDS[kind]))]
      : [paragraph('This address is on none of the notify.* lists, so it will not receive digests.')]),
    paragraph(`Sent by sis-sync on ${host} (sis-sync notify test).`, 'muted'),
  ];
  return { subject, text: renderText(blocks), html: renderHtml(blocks, subject) };
}
