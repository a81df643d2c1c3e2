import { formatTime } from '../../util/format-time.js';
import { scrubSecrets } from '../../util/secrets.js';
import type { Digest, SectionName } from '../news.js';
import { paragraph, type Block } from './blocks.js';
import { fitToBudget } from './fit-budget.js';
import { renderHtml } from './render-html.js';
import { renderText } from './render-text.js';
import type { ComposeContext, Section } from './sections/context.js';
import { changesSection } from './sections/changes-section.js';
import { driftSection } from './sections/drift-section.js';
import { errorsSection } from './sections/errors-section.js';
import { heartbeatSection } from './sections/heartbeat-section.js';
import { heldSection } from './sections/held-section.js';
import { missingSection } from './sections/missing-section.js';
import { subjectFor } from './subject.js';
import { withoutNames } from './without-names.js';

// One email: the sections meant for its readers, as a subject, a text part and an HTML part.
// What each section asks of the reader comes first, above every list; the details follow.

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface ComposeOptions extends ComposeContext {
  /** Where sis-sync runs, for the footer, so that a reader can tell IT which server sent it. */
  host: string;
}

export function composeDigest(digest: Digest, sections: readonly SectionName[], options: ComposeOptions): ComposedEmail {
  const news = options.identify === 'ids' ? withoutNames(digest) : digest;
  const parts = sections.map((section) => sectionOf(news, section, options)).filter((s): s is Section => s !== undefined);
  const blocks: Block[] = [
    paragraph(openingLine(news, options), 'muted'),
    ...parts.map((part): Block => ({ type: 'action', action: part.action })),
    ...parts.flatMap((part) => part.blocks),
    paragraph(
      `Sent by sis-sync on ${options.host}${news.runId === undefined ? '' : ` after run ${news.runId}`}. Times are in ${zoneName(options.timeZone)}. To change who receives these emails, ask your sis-sync administrator (settings notify.*).`,
      'muted',
    ),
  ];
  const subject = subjectFor(news, sections);
  const fitted = fitToBudget(blocks, subject);
  // Error messages come from libraries and servers: a secret that slipped into one stops here.
  return { subject: scrubSecrets(subject), text: scrubSecrets(renderText(fitted)), html: scrubSecrets(renderHtml(fitted, subject)) };
}

function openingLine(digest: Digest, options: ComposeOptions): string {
  const who = digest.district ? `${digest.district}: ` : '';
  if (digest.outcome === 'drift')
    return `${who}sis-sync's drift check at ${formatTime(digest.at, options.timeZone)} compared AspirEDU with what sis-sync last uploaded.`;
  const run = digest.runId === undefined ? 'The sis-sync run' : `sis-sync run ${digest.runId}`;
  const how =
    digest.outcome === 'held' ? 'was held by the safety guard' : digest.outcome === 'failed' ? 'ended with problems' : 'ended normally';
  return `${who}${run} ${how} at ${formatTime(digest.at, options.timeZone)}.`;
}

/** "America/Chicago", or the server's own zone by name. */
function zoneName(timeZone: string): string {
  return timeZone || `the server's time zone (${new Intl.DateTimeFormat().resolvedOptions().timeZone})`;
}

function sectionOf(digest: Digest, section: SectionName, ctx: ComposeContext): Section | undefined {
  switch (section) {
    case 'errors':
      return digest.errors && errorsSection(digest.errors, ctx);
    case 'missingUsers':
      return digest.missingUsers && missingSection(digest.missingUsers, ctx);
    case 'changes':
      return digest.changes && changesSection(digest.changes);
    case 'held':
      return digest.held && heldSection(digest.held, ctx);
    case 'heartbeat':
      return digest.heartbeat && heartbeatSection(digest.heartbeat, ctx);
    case 'drift':
      return digest.drift && driftSection(digest.drift);
  }
}
