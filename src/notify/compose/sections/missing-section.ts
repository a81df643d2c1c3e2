import { formatTime } from '../../../util/format-time.js';
import type { MissingNews, MissingPerson } from '../../news.js';
import { heading, joinNames, paragraph, records, subheading, type Block, type More, type RecordRow } from '../blocks.js';
import { personKind, plural } from '../words.js';
import type { ComposeContext, Section } from './context.js';

// Students and staff AspirEDU has no account for. New ones are named once; after that they are
// counted as still missing until AspirEDU knows them or they leave every dashboard.

const COLUMNS = ['Id', 'School', 'Missing since'];
const MORE: More = { noun: 'people', where: 'sis-sync missing lists them all' };

export function missingSection(news: MissingNews, ctx: ComposeContext): Section {
  const missing = news.fresh.length + news.still.length;
  const blocks: Block[] = [heading('People AspirEDU does not know')];
  const rowOf = (p: MissingPerson) => personRow(p, ctx);
  if (news.fresh.length > 0) blocks.push(...peopleList('New since the last report', COLUMNS, news.fresh.map(rowOf)));
  if (news.still.length > 0) {
    const note = paragraph('Reported before and still unknown to AspirEDU.', 'muted');
    blocks.push(...peopleList('Still missing', COLUMNS, news.still.map(rowOf), note));
  }
  if (news.noLongerMissing.length > 0) {
    const rows = news.noLongerMissing.map((p) => ({
      title: who(p),
      cells: [p.userId, p.resolution === 'dropped' ? 'no longer on any dashboard' : 'AspirEDU knows them now; added to their dashboards'],
    }));
    blocks.push(...peopleList('No longer missing', ['Id', 'What happened'], rows));
  }
  if (missing === 0) blocks.push(paragraph('Nobody is missing any more.', 'ok'));
  else blocks.push(paragraph(`In all, ${plural(missing, 'person', 'people')} unknown to AspirEDU.`, 'muted'));
  return { action: action(news), blocks };
}

function action(news: MissingNews): Section['action'] {
  const missing = news.fresh.length + news.still.length;
  if (news.fresh.length === 0) {
    return {
      tone: 'ok',
      summary: `${plural(news.noLongerMissing.length, 'person', 'people')} no longer missing from AspirEDU${missing > 0 ? `; ${plural(missing, 'person', 'people')} still unknown to it` : ''}.`,
      todo: 'sis-sync put them on their dashboards, or they left every dashboard.',
    };
  }
  return {
    tone: 'alert',
    summary: `${plural(news.fresh.length, 'new person', 'new people')} on dashboards AspirEDU has no account for${news.still.length > 0 ? ` (${plural(missing, 'person', 'people')} in all)` : ''}.`,
    todo: 'check the id of anyone missing for days, in PowerSchool and in AspirEDU. New people usually have not reached AspirEDU yet: sis-sync tries again with every run and adds them once AspirEDU knows them. The whole list:',
    command: 'sis-sync missing',
  };
}

/** One of the three lists: its title with how many it holds, a note if any, the people. */
function peopleList(title: string, columns: string[], rows: RecordRow[], note?: Block): Block[] {
  return [subheading(`${title} (${rows.length.toLocaleString('en-US')})`), ...(note ? [note] : []), records(columns, rows, MORE)];
}

function personRow(p: MissingPerson, ctx: ComposeContext): RecordRow {
  return {
    title: who(p),
    cells: [p.userId, p.school ?? '', formatTime(p.firstSeenAt, ctx.timeZone, { weekday: false })],
    ...(p.dashboards.length > 0
      ? {
          note: `For ${p.dashboards.length === 1 ? 'dashboard' : 'dashboards'}: ${joinNames(p.dashboards)}${p.account ? ` (account ${p.account})` : ''}`,
        }
      : {}),
  };
}

/** The name when the source knows people (and the district allows names); otherwise what kind of person the id belongs to. */
function who(p: MissingPerson): string {
  return p.name ? `${p.name} (${personKind(p.dataType)})` : `A ${personKind(p.dataType)}`;
}
