import type { DriftedDashboard, DriftNews } from '../../news.js';
import { cappedTable, heading, list, paragraph, type Block } from '../blocks.js';
import { dashboardKind, plural } from '../words.js';

// What the scheduled drift check found: dashboards someone changed in the Dropout Detective /
// Grade Guardian web application since sis-sync uploaded them. Counts only, no member lists.

export function driftSection(news: DriftNews): Block[] {
  const blocks: Block[] = [heading('Dashboards changed outside sis-sync', news.drifted.length > 0 ? 'alert' : undefined)];
  if (news.drifted.length > 0) {
    blocks.push(
      paragraph(
        `${plural(news.drifted.length, 'dashboard')} managed by sis-sync no longer ${news.drifted.length === 1 ? 'holds' : 'hold'} what it uploaded. ` +
          (news.reconciling
            ? 'sis-sync is uploading them again now (drift.reconcile), through its safety guard; web edits to these dashboards are undone.'
            : 'The next upload of a dashboard replaces web edits to it. To keep a change, make it in the student information system; to restore them now, run: sis-sync drift --reconcile'),
      ),
      ...cappedTable(
        ['Dashboard', 'Holds', 'Added in the web app', 'Removed in the web app', 'Ally changed'],
        news.drifted.map((d) => [
          label(d),
          dashboardKind(d.dataType),
          d.missing ? '-' : d.addedInWeb,
          d.missing ? '-' : d.removedInWeb,
          d.missing ? '-' : d.allyChangedInWeb,
        ]),
        'dashboards',
      ),
    );
  }
  if (news.unmanaged.length > 0) {
    blocks.push(
      paragraph(
        `${plural(news.unmanaged.length, 'dashboard')} in AspirEDU ${news.unmanaged.length === 1 ? 'is' : 'are'} not managed by sis-sync; they are left as they are:`,
      ),
      list(news.unmanaged.slice(0, 50).concat(news.unmanaged.length > 50 ? [`… and ${news.unmanaged.length - 50} more`] : [])),
    );
  }
  return blocks;
}

function label(d: DriftedDashboard): string {
  return `${d.name}${d.account ? ` (account ${d.account})` : ''}${d.missing ? ' — no longer in AspirEDU' : ''}`;
}
