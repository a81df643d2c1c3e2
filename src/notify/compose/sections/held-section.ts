import { formatTime } from '../../../util/format-time.js';
import { approveCommand, type HeldDashboard, type HeldMember, type HeldRun } from '../../held-run.js';
import type { HeldNews } from '../../news.js';
import { heading, list, paragraph, records, subheading, type Action, type Block } from '../blocks.js';
import { dashboardKind, firstOf, plural } from '../words.js';
import type { ComposeContext, Section } from './context.js';
import { causeOf, groupReasons } from './held-reasons.js';

// A run the safety guard stopped before uploading, because it would take many people off
// their dashboards or the data read looks broken. The reader decides: first what would be
// removed and how to let it go ahead, then why it was held, then the detail.

/** Dashboards whose leavers are named, and leavers named per dashboard; the counts cover the rest. */
const MAX_DASHBOARDS = 20;
const MAX_MEMBERS = 25;
/** Schools named in the one-line decision. */
const SCHOOLS_IN_SUMMARY = 3;
const PLAN: { where: string } = { where: 'sis-sync plan lists them all' };

export function heldSection(news: HeldNews, ctx: ComposeContext): Section {
  if (!news.run) {
    return {
      action: {
        tone: 'ok',
        summary: 'The hold has ended.',
        todo: 'a later run went ahead: it was approved, or the data is back to normal.',
      },
      blocks: [
        heading('The hold has ended', 'ok'),
        paragraph(
          `Runs had been held since ${formatTime(news.since, ctx.timeZone)} (${plural(news.runs, 'run')}). A later run went ahead: it was approved, or the data is back to normal.`,
        ),
      ],
    };
  }
  const run = news.run;
  const blocks: Block[] = [heading(`Why run ${run.runId} was held`, 'alert'), paragraph(causeOf(run.reasons).explanation)];
  for (const group of groupReasons(run.reasons)) {
    blocks.push(
      subheading(group.title),
      list(group.messages, { noun: 'reasons', where: 'the log of the run (event run.held) lists them all' }),
    );
  }
  if (run.dashboards.length > 0) blocks.push(...removalBlocks(run));
  if (news.runs > 1)
    blocks.push(paragraph(`Runs have been held since ${formatTime(news.since, ctx.timeZone)} (${plural(news.runs, 'run')}).`, 'muted'));
  return { action: decision(run), blocks };
}

/**
 * The decision, first: what would be removed where, and how to let it go ahead: the reader's own
 * approval page when web.publicUrl is set (a link signed for them), the command always.
 */
function decision(run: HeldRun): Action {
  const losing = run.dashboards.reduce((sum, d) => sum + d.losing.length, 0);
  const schools = bySchool(run);
  const shown = firstOf(schools, SCHOOLS_IN_SUMMARY);
  const where =
    schools.length === 0
      ? ''
      : `, at ${plural(schools.length, 'school')} (${shown.shown.map(([school, n]) => `${school}: ${n.toLocaleString('en-US')}`).join('; ')}${shown.more > 0 ? `; ${plural(shown.more, 'more school')}` : ''})`;
  const what =
    run.dashboards.length === 0
      ? ''
      : ` It would remove ${plural(losing, 'member')} from ${plural(run.dashboards.length, 'dashboard')}${where}.`;
  const expected =
    'approve the run only if these changes are expected (the end of a term, a school closing, a schedule rebuilt, a change to the mapping rules made on purpose).';
  const until = 'Until someone approves, sis-sync changes nothing in AspirEDU and holds every run with this plan.';
  return {
    tone: 'alert',
    summary: `Run ${run.runId} was held: nothing was uploaded.`,
    ...(what ? { detail: what.trim() } : {}),
    todo: run.reviewLink ? expected : `${expected} Your sis-sync administrator approves it with:`,
    command: approveCommand(run),
    ...(run.reviewLink ? { link: { href: run.reviewLink, label: 'Review and decide (the sis-sync service must be running)' } } : {}),
    otherwise: run.reviewLink
      ? `${causeOf(run.reasons).ifNotExpected} ${until} The link is yours alone: it records your decision under your address. Do not forward it.`
      : `${causeOf(run.reasons).ifNotExpected} ${until}`,
  };
}

function removalBlocks(run: HeldRun): Block[] {
  const losing = run.dashboards.reduce((sum, d) => sum + d.losing.length, 0);
  const blocks: Block[] = [
    heading('What it would remove'),
    paragraph(`${plural(losing, 'member')} from ${plural(run.dashboards.length, 'dashboard')}:`),
    records(
      ['Holds', 'Members now', 'After', 'Would lose'],
      run.dashboards.map((d) => ({
        title: label(d),
        cells: [dashboardKind(d.dataType), count(d.before), count(d.after), count(d.losing.length)],
      })),
      { noun: 'dashboards', ...PLAN },
    ),
  ];
  const schools = bySchool(run);
  if (schools.length > 1) {
    blocks.push(
      subheading('By school'),
      list(
        schools.map(([school, n]) => `${school}: ${plural(n, 'member')}`),
        { noun: 'schools', ...PLAN },
      ),
    );
  }
  const dashboards = firstOf(run.dashboards, MAX_DASHBOARDS);
  for (const dashboard of dashboards.shown) {
    const members = firstOf(dashboard.losing, MAX_MEMBERS);
    blocks.push(subheading(`Would leave ${label(dashboard)}`));
    // Cut at MAX_MEMBERS here, and by size after: the "more" line counts both.
    blocks.push(list(members.shown.map(memberLine), { noun: 'members', ...PLAN }, members.more));
  }
  if (dashboards.more > 0)
    blocks.push(paragraph(`… and ${plural(dashboards.more, 'more dashboard')}; the command sis-sync plan lists them all.`, 'muted'));
  return blocks;
}

/** Members who would be removed, per school, most first; those of no known school are left out. */
function bySchool(run: HeldRun): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const d of run.dashboards) for (const m of d.losing) if (m.school) counts.set(m.school, (counts.get(m.school) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function label(d: HeldDashboard): string {
  return d.account ? `${d.name} (account ${d.account})` : d.name;
}

function memberLine(m: HeldMember): string {
  if (!m.name) return `id ${m.id}${m.school ? `, ${m.school}` : ''}`;
  return `${m.name}${m.school ? `, ${m.school}` : ''} (id ${m.id})`;
}
