import type { ChangedDashboard, ChangesNews } from '../../news.js';
import { cappedTable, heading, paragraph, type Block } from '../blocks.js';
import { dashboardKind, plural } from '../words.js';

// Which dashboards changed, with how many members came and went. Counts only: who they are is
// in AspirEDU, never in an email.

export function changesSection(news: ChangesNews): Block[] {
  const rows = news.dashboards.map((d) => [
    d.name + (d.account ? ` (account ${d.account})` : ''),
    dashboardKind(d.dataType),
    whatHappened(d),
    d.added ?? '-',
    d.removed ?? '-',
    d.after ?? '-',
  ]);
  return [
    heading('Dashboards changed'),
    paragraph(
      `${plural(news.dashboards.length, 'dashboard')} changed in AspirEDU: ${plural(news.added, 'member')} added, ${plural(news.removed, 'member')} removed.`,
    ),
    ...cappedTable(['Dashboard', 'Holds', 'Change', 'Added', 'Removed', 'Members now'], rows, 'dashboards'),
  ];
}

function whatHappened(d: ChangedDashboard): string {
  switch (d.action) {
    case 'create':
      return 'new';
    case 'empty':
      return 'emptied';
    case 'resumed':
      return 'finished (started by an earlier run)';
    case 'update':
      return d.added === 0 && d.removed === 0 && (d.allyChanged ?? 0) > 0 ? 'ally flags changed' : 'updated';
  }
}
