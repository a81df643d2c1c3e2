import type { MissingNews, MissingPerson } from '../../news.js';
import { cappedTable, heading, paragraph, subheading, type Block } from '../blocks.js';
import { formatTime, personKind, plural } from '../words.js';
import type { ComposeContext } from './context.js';

// Students and staff AspirEDU has no account for. New ones are named once; after that they are
// counted as still missing until AspirEDU knows them or they leave every dashboard.

export function missingSection(news: MissingNews, ctx: ComposeContext): Block[] {
  const blocks: Block[] = [
    heading('People AspirEDU does not know'),
    paragraph(
      'AspirEDU has no account with these ids, so they could not be put on their dashboards. Usually they are new and have not reached AspirEDU yet; sis-sync tries again and adds them once AspirEDU knows them. If someone stays on this list for days, check their id in PowerSchool and in AspirEDU.',
    ),
  ];
  if (news.fresh.length > 0) {
    blocks.push(subheading(`New since the last report (${news.fresh.length})`));
    blocks.push(
      ...cappedTable(
        PEOPLE_HEADERS,
        news.fresh.map((p) => personRow(p, ctx)),
        'people',
      ),
    );
  }
  if (news.still.length > 0) {
    blocks.push(subheading(`Still missing (${news.still.length})`));
    blocks.push(paragraph('Reported before and still unknown to AspirEDU.', 'muted'));
    blocks.push(
      ...cappedTable(
        PEOPLE_HEADERS,
        news.still.map((p) => personRow(p, ctx)),
        'people',
      ),
    );
  }
  if (news.noLongerMissing.length > 0) {
    blocks.push(subheading(`No longer missing (${news.noLongerMissing.length})`));
    blocks.push(
      ...cappedTable(
        ['Person', 'Id', 'What happened'],
        news.noLongerMissing.map((p) => [
          who(p),
          p.userId,
          p.resolution === 'dropped' ? 'no longer on any dashboard' : 'AspirEDU knows them now; added to their dashboards',
        ]),
        'people',
      ),
    );
  }
  if (news.fresh.length === 0 && news.still.length === 0) blocks.push(paragraph('Nobody is missing any more.', 'ok'));
  else blocks.push(paragraph(`In all, ${plural(news.fresh.length + news.still.length, 'person', 'people')} unknown to AspirEDU.`, 'muted'));
  return blocks;
}

const PEOPLE_HEADERS = ['Person', 'Id', 'School', 'Meant for dashboards', 'Missing since'];

function personRow(p: MissingPerson, ctx: ComposeContext): string[] {
  return [
    who(p),
    p.userId,
    p.school ?? '-',
    p.dashboards.join(', ') + (p.account ? ` (account ${p.account})` : ''),
    formatTime(p.firstSeenAt, ctx.timeZone),
  ];
}

/** The name when the source knows people; otherwise what kind of person the id belongs to. */
function who(p: MissingPerson): string {
  return p.name ? `${p.name} (${personKind(p.dataType)})` : `a ${personKind(p.dataType)}`;
}
