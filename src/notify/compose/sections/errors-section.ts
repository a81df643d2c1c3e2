import { formatTime } from '../../../util/format-time.js';
import type { FailureItem, FailureNews } from '../../news.js';
import { heading, list, paragraph, subheading, type Block } from '../blocks.js';
import { plural } from '../words.js';
import type { ComposeContext, Section } from './context.js';

// Failed runs, uploads AspirEDU rejected, and failures that ended. A failure that goes on is
// told when it starts and then only as a reminder, so each item says since when it lasts.

export function errorsSection(news: FailureNews, ctx: ComposeContext): Section {
  const blocks: Block[] = [];
  const failing = news.started.length + news.ongoing.length;
  blocks.push(heading(failing > 0 ? 'Problems' : 'Problems fixed', failing > 0 ? 'alert' : 'ok'));
  if (news.started.length > 0) {
    blocks.push(subheading(`New (${news.started.length})`));
    for (const item of news.started) blocks.push(...itemBlocks(item));
  }
  if (news.ongoing.length > 0) {
    blocks.push(subheading(`Still going on (${news.ongoing.length})`));
    blocks.push(paragraph('Reported before; repeated here as a reminder because it has not been fixed yet.', 'muted'));
    for (const item of news.ongoing)
      blocks.push(...itemBlocks(item, `Since ${formatTime(item.since, ctx.timeZone)}, ${plural(item.runs, 'run')}.`));
  }
  if (news.recovered.length > 0) {
    blocks.push(subheading(`Fixed (${news.recovered.length})`));
    blocks.push(
      list(
        news.recovered.map(
          (item) =>
            `${item.title} — no longer happening (it went on from ${formatTime(item.since, ctx.timeZone)}, ${plural(item.runs, 'run')}).`,
        ),
      ),
    );
  }
  return { action: action(news), blocks };
}

function action(news: FailureNews): Section['action'] {
  const failing = [...news.started, ...news.ongoing];
  if (failing.length === 0) {
    return { tone: 'ok', summary: `${plural(news.recovered.length, 'problem')} fixed.`, todo: 'they no longer happen.' };
  }
  const only = failing.length === 1 ? failing[0] : undefined;
  return {
    tone: 'alert',
    summary: only
      ? only.title
      : `${plural(failing.length, 'problem')} need attention${news.started.length > 0 ? ` (${news.started.length.toLocaleString('en-US')} new)` : ''}.`,
    todo: only?.hint ?? 'each problem below says what to do. The latest runs, and what failed in each:',
    ...(only?.hint ? {} : { command: 'sis-sync status' }),
  };
}

function itemBlocks(item: FailureItem, since?: string): Block[] {
  const blocks: Block[] = [paragraph(item.title, 'alert')];
  if (item.detail) blocks.push(paragraph(item.detail));
  if (item.dashboards && item.dashboards.length > 0)
    blocks.push(
      paragraph('Dashboards:'),
      list(item.dashboards, { noun: 'dashboards', where: 'sis-sync uploads lists the uploads and their errors' }),
    );
  if (item.hint) blocks.push(paragraph(`What to do: ${item.hint}`));
  if (since) blocks.push(paragraph(since, 'muted'));
  return blocks;
}
