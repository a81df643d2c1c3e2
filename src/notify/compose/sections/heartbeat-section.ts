import { formatTime } from '../../../util/format-time.js';
import type { HeartbeatNews } from '../../news.js';
import { heading, paragraph } from '../blocks.js';
import { plural } from '../words.js';
import type { ComposeContext, Section } from './context.js';

// "All fine": sent when the errors recipients have heard nothing for a while, so that silence
// never means sis-sync stopped running.

export function heartbeatSection(news: HeartbeatNews, ctx: ComposeContext): Section {
  const period = news.since ? `Since ${formatTime(news.since, ctx.timeZone)}` : 'So far';
  return {
    action: {
      tone: 'ok',
      summary: `sis-sync is running: ${plural(news.runs, 'run')} and nothing that needed your attention.`,
      todo: 'this note comes when you have heard nothing from sis-sync for a while. If it stops coming, sis-sync may have stopped.',
    },
    blocks: [
      heading('All is well', 'ok'),
      paragraph(`${period}, sis-sync has run ${plural(news.runs, 'time')} and nothing needed your attention.`),
      paragraph(
        `It manages ${plural(news.dashboards, 'dashboard')} with ${plural(news.memberships, 'membership')}${news.stillMissing > 0 ? `; ${plural(news.stillMissing, 'person', 'people')} still unknown to AspirEDU` : ''}.`,
      ),
    ],
  };
}
