import type { DriftedDashboard, DriftNews } from '../../news.js';
import { heading, list, paragraph, records, type Block } from '../blocks.js';
import { dashboardKind, plural } from '../words.js';
import type { Section } from './context.js';

// What the scheduled drift check found: dashboards someone changed in the Dropout Detective /
// Grade Guardian web application since sis-sync uploaded them. Counts only, no member lists.

export function driftSection(news: DriftNews): Section {
  const blocks: Block[] = [heading('Dashboards changed outside sis-sync', news.drifted.length > 0 ? 'alert' : undefined)];
  if (news.drifted.length > 0) {
    blocks.push(
      paragraph(
        `${plural(news.drifted.length, 'dashboard')} managed by sis-sync no longer ${news.drifted.length === 1 ? 'holds' : 'hold'} what it uploaded.`,
      ),
      records(
        ['Holds', 'Added in the web app', 'Removed in the web app', 'Ally changed'],
        news.drifted.map((d) => ({
          title: label(d),
          cells: [
            dashboardKind(d.dataType),
            d.missing ? '-' : count(d.addedInWeb),
            d.missing ? '-' : count(d.removedInWeb),
            d.missing ? '-' : count(d.allyChangedInWeb),
          ],
        })),
        { noun: 'dashboards', where: 'sis-sync drift lists them all' },
      ),
    );
  }
  if (news.unmanaged.length > 0) {
    blocks.push(
      paragraph(
        `${plural(news.unmanaged.length, 'dashboard')} in AspirEDU ${news.unmanaged.length === 1 ? 'is' : 'are'} not managed by sis-sync; they are left as they are:`,
      ),
      list(news.unmanaged, { noun: 'dashboards', where: 'sis-sync drift lists them all' }),
    );
  }
  return { action: action(news), blocks };
}

function action(news: DriftNews): Section['action'] {
  if (news.drifted.length === 0) {
    return {
      tone: 'ok',
      summary: `${plural(news.unmanaged.length, 'dashboard')} in AspirEDU not managed by sis-sync.`,
      todo: 'sis-sync leaves them as they are.',
    };
  }
  const summary = `${plural(news.drifted.length, 'dashboard')} changed in the web application since sis-sync uploaded ${news.drifted.length === 1 ? 'it' : 'them'}.`;
  if (news.reconciling) {
    return {
      tone: 'ok',
      summary,
      todo: 'sis-sync is uploading them again now (drift.reconcile), through its safety guard; web edits to these dashboards are undone.',
    };
  }
  return {
    tone: 'alert',
    summary,
    todo: 'the next upload of a dashboard replaces web edits to it. To keep a change, make it in the student information system. To restore the dashboards now:',
    command: 'sis-sync drift --reconcile',
  };
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function label(d: DriftedDashboard): string {
  return `${d.name}${d.account ? ` (account ${d.account})` : ''}${d.missing ? ' — no longer in AspirEDU' : ''}`;
}
