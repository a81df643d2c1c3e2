import { scrubSecrets } from '../../log/secrets.js';
import type { Digest, SectionName } from '../news.js';
import { paragraph, type Block } from './blocks.js';
import { renderHtml } from './render-html.js';
import { renderText } from './render-text.js';
import type { ComposeContext } from './sections/context.js';
import { changesSection } from './sections/changes-section.js';
import { driftSection } from './sections/drift-section.js';
import { errorsSection } from './sections/errors-section.js';
import { heartbeatSection } from './sections/heartbeat-section.js';
import { heldSection } from './sections/held-section.js';
import { missingSection } from './sections/missing-section.js';
import { subjectFor } from './subject.js';
import { formatTime } from './words.js';

// One email: the sections meant for its readers, as a subject, a text part and an HTML part.

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
  const blocks: Block[] = [paragraph(openingLine(digest, options))];
  for (const section of sections) blocks.push(...sectionBlocks(digest, section, options));
  blocks.push(
    paragraph(
      `Sent by sis-sync on ${options.host}${digest.runId === undefined ? '' : ` after run ${digest.runId}`}. To change who receives these emails, ask your sis-sync administrator (settings notify.*).`,
      'muted',
    ),
  );
  const subject = subjectFor(digest, sections);
  // Error messages come from libraries and servers: a secret that slipped into one stops here.
  return { subject: scrubSecrets(subject), text: scrubSecrets(renderText(blocks)), html: scrubSecrets(renderHtml(blocks, subject)) };
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

function sectionBlocks(digest: Digest, section: SectionName, ctx: ComposeContext): Block[] {
  switch (section) {
    case 'errors':
      return digest.errors ? errorsSection(digest.errors, ctx) : [];
    case 'missingUsers':
      return digest.missingUsers ? missingSection(digest.missingUsers, ctx) : [];
    case 'changes':
      return digest.changes ? changesSection(digest.changes) : [];
    case 'held':
      return digest.held ? heldSection(digest.held, ctx) : [];
    case 'heartbeat':
      return digest.heartbeat ? heartbeatSection(digest.heartbeat, ctx) : [];
    case 'drift':
      return digest.drift ? driftSection(digest.drift) : [];
  }
}
