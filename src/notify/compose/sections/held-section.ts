import { approveCommand, type HeldDashboard, type HeldMember, type HeldRun } from '../../held-run.js';
import type { HeldNews } from '../../news.js';
import { command, heading, list, paragraph, subheading, type Block } from '../blocks.js';
import { dashboardKind, firstOf, formatTime, plural } from '../words.js';
import type { ComposeContext } from './context.js';

// A run the safety guard stopped before uploading, because it would take many people off
// their dashboards. The reader decides: approve it, or get the export fixed.

/** Dashboards listed in detail, and members named per dashboard; the counts cover the rest. */
const MAX_DASHBOARDS = 20;
const MAX_MEMBERS = 25;

export function heldSection(news: HeldNews, ctx: ComposeContext): Block[] {
  if (!news.run) {
    return [
      heading('The hold has ended', 'ok'),
      paragraph(
        `Runs had been held since ${formatTime(news.since, ctx.timeZone)} (${plural(news.runs, 'run')}). A later run went ahead: it was approved, or the data is back to normal.`,
      ),
    ];
  }
  const run = news.run;
  const losing = run.dashboards.reduce((sum, d) => sum + d.losing.length, 0);
  const blocks: Block[] = [heading(`Run ${run.runId} was held: nothing was uploaded`, 'alert'), paragraph(run.reason)];
  if (run.dashboards.length > 0) {
    blocks.push(paragraph(`It would remove ${plural(losing, 'member')} from ${plural(run.dashboards.length, 'dashboard')}:`), {
      type: 'table',
      headers: ['Dashboard', 'Holds', 'Members now', 'After', 'Would lose'],
      rows: run.dashboards.map((d) => [label(d), dashboardKind(d.dataType), d.before, d.after, d.losing.length]),
    });
  }
  if (news.runs > 1)
    blocks.push(paragraph(`Runs have been held since ${formatTime(news.since, ctx.timeZone)} (${plural(news.runs, 'run')}).`, 'muted'));
  const dashboards = firstOf(run.dashboards, MAX_DASHBOARDS);
  for (const dashboard of dashboards.shown) {
    const members = firstOf(dashboard.losing, MAX_MEMBERS);
    blocks.push(subheading(`Would leave ${label(dashboard)}`));
    blocks.push(list(members.shown.map(memberLine)));
    if (members.more > 0)
      blocks.push(paragraph(`… and ${members.more.toLocaleString('en-US')} more (the command sis-sync plan lists them all).`, 'muted'));
  }
  if (dashboards.more > 0)
    blocks.push(paragraph(`… and ${plural(dashboards.more, 'more dashboard')}; the command sis-sync plan lists them all.`, 'muted'));
  blocks.push(
    subheading('What to do'),
    ...decideBlocks(run),
    paragraph(
      'If they are not expected, the export from PowerSchool is probably incomplete: get it checked. Until someone approves, sis-sync changes nothing in AspirEDU and holds every run that would remove these members.',
    ),
  );
  return blocks;
}

/** How to let the run go ahead: the reader's own approval page when web.publicUrl is set, the command always. */
function decideBlocks(run: HeldRun): Block[] {
  if (run.reviewLink) {
    return [
      paragraph('If these removals are expected (the end of a term, a school closing, a schedule rebuilt), you can let the run go ahead.'),
      paragraph(`Review and decide: ${run.reviewLink} (the sis-sync service must be running) — or on the server:`),
      command(approveCommand(run)),
      paragraph('The link is yours alone: it records your decision under your address. Do not forward it.', 'muted'),
    ];
  }
  return [
    paragraph(
      'If these removals are expected (the end of a term, a school closing, a schedule rebuilt), ask your sis-sync administrator to let the run go ahead:',
    ),
    command(approveCommand(run)),
  ];
}

function label(d: HeldDashboard): string {
  return d.account ? `${d.name} (account ${d.account})` : d.name;
}

function memberLine(m: HeldMember): string {
  if (!m.name) return `id ${m.id}`;
  return `${m.name}${m.school ? `, ${m.school}` : ''} (id ${m.id})`;
}
