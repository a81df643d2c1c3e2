import type { DataType } from '../../../desired/data-types.js';
import type { ChangedDashboard, ChangesNews } from '../../news.js';
import { heading, paragraph, records, type RecordRow } from '../blocks.js';
import { plural } from '../words.js';
import type { Section } from './context.js';

// Which dashboards changed, with how many members came and went. Counts only: who they are is
// in AspirEDU, never in an email. A dashboard's students and its viewers are one row.

export interface DashboardChanges {
  account: string;
  name: string;
  student?: ChangedDashboard;
  viewer?: ChangedDashboard;
}

export function changesSection(news: ChangesNews): Section {
  const dashboards = byDashboard(news.dashboards);
  const summary = `${plural(dashboards.length, 'dashboard')} changed in AspirEDU: ${plural(news.added, 'member')} added, ${plural(news.removed, 'member')} removed.`;
  return {
    action: {
      tone: 'ok',
      summary,
      todo: 'the changes below are in AspirEDU now. The command sis-sync history lists what each run changed.',
    },
    blocks: [
      heading('Dashboards changed'),
      paragraph(summary),
      records(['Students', 'Viewers'], dashboards.map(row), { noun: 'dashboards', where: 'sis-sync history lists them all' }),
    ],
  };
}

/** The changes grouped per dashboard (account and name), in the order of the news. */
export function byDashboard(changed: readonly ChangedDashboard[]): DashboardChanges[] {
  const grouped = new Map<string, DashboardChanges>();
  for (const d of changed) {
    const key = `${d.account}\u001f${d.name}`;
    const entry = grouped.get(key) ?? { account: d.account, name: d.name };
    entry[d.dataType satisfies DataType] = d;
    grouped.set(key, entry);
  }
  return [...grouped.values()];
}

function row(d: DashboardChanges): RecordRow {
  return { title: d.name + (d.account ? ` (account ${d.account})` : ''), cells: [change(d.student), change(d.viewer)] };
}

/** "+3 -1, now 120", "new, now 25", "emptied (-7)". */
function change(d: ChangedDashboard | undefined): string {
  if (!d) return 'no change';
  switch (d.action) {
    case 'create':
      return `new, now ${(d.after ?? d.added ?? 0).toLocaleString('en-US')}`;
    case 'empty':
      return `emptied (-${(d.removed ?? 0).toLocaleString('en-US')})`;
    case 'resumed':
      return 'finished (started by an earlier run)';
    case 'update': {
      const moved = [d.added ? `+${d.added.toLocaleString('en-US')}` : '', d.removed ? `-${d.removed.toLocaleString('en-US')}` : '']
        .filter((s) => s !== '')
        .join(' ');
      const ally = d.allyChanged ? `${plural(d.allyChanged, 'ally flag')} changed` : '';
      const now = d.after === undefined ? '' : `now ${d.after.toLocaleString('en-US')}`;
      return [moved, ally, now].filter((s) => s !== '').join(', ');
    }
  }
}
