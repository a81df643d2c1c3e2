import type { GuardFinding } from '../desired/guard-findings.js';
import type { DashboardChange } from '../sync/plan.js';
import { personKey, type PeopleDirectory } from '../desired/ports.js';
import type { RunReport } from '../sync/run.js';
import { plural } from './table.js';

// How the guard's decision reads in the terminal: why a run was held (one line per kind of
// reason, however many dashboards share it), what it would remove (names and SIS ids where the
// source knows them), and how to go on: said first and again last, so that it is neither
// scrolled away nor missed.

const MEMBERS_SHOWN = 10;
const DASHBOARDS_SHOWN = 10;
const SCOPES_SHOWN = 3;

/** What each kind of finding is counted in, when several share it. */
const COUNTED_IN: Partial<Record<GuardFinding['check'], [string, string]>> = {
  'school-removals': ['school', 'schools'],
  'dashboard-removals': ['dashboard', 'dashboards'],
  'school-emptied': ['school', 'schools'],
  'dataset-missing': ['data set', 'data sets'],
};

export function formatGuard(report: RunReport): string[] {
  const guard = report.guard;
  if (!guard || guard.findings.length === 0) {
    return guard?.releasedHolds?.length
      ? [
          `  Held run${guard.releasedHolds.length > 1 ? 's' : ''} ${guard.releasedHolds.join(', ')} released: the plan no longer trips the safety guard.`,
        ]
      : [];
  }
  const why = groupedReasons(guard.findings).map((reason) => `    - ${reason}`);
  if (guard.decision === 'overridden') return [`  Safety guard overridden by ${guard.by} (--allow-deletes):`, ...why];
  if (guard.decision === 'approved') return [`  Held plan of run ${guard.heldRunId} approved by ${guard.by}:`, ...why];
  const lines = [
    `  Held by the safety guard; nothing was uploaded. To apply this plan once: sis-sync approve ${guard.heldRunId}`,
    '  Why:',
    ...why,
  ];
  if (guard.planChanged?.length) {
    lines.push(`  The plan changed since the run you approved; what differs:`, ...guard.planChanged.map((l) => `    - ${l}`));
  }
  if (guard.repeat) lines.push(`  This is the same plan run ${guard.heldRunId} was held with; it stays held until someone acts.`);
  lines.push(...removals(report.plan?.changes ?? [], report.people));
  return lines;
}

/** The last lines of a held run's report: what to do next. */
export function heldRunFooter(report: RunReport): string[] {
  const guard = report.guard;
  if (guard?.decision !== 'hold') return [];
  return [
    `  To apply this plan once: sis-sync approve ${guard.heldRunId}`,
    '  To let one run through the guard: sis-sync once --allow-deletes',
  ];
}

/** One line per kind of finding: alone, its own sentence; shared by several schools or dashboards, a count and the first few. */
export function groupedReasons(findings: readonly GuardFinding[]): string[] {
  const byCheck = new Map<GuardFinding['check'], GuardFinding[]>();
  for (const finding of findings) byCheck.set(finding.check, [...(byCheck.get(finding.check) ?? []), finding]);
  return [...byCheck.entries()].map(([check, group]) => {
    const first = group[0] as GuardFinding;
    if (group.length === 1) return first.message;
    const [one, many] = COUNTED_IN[check] ?? ['finding', 'findings'];
    const limit = /; (the limit is .*)$/.exec(first.message)?.[1];
    const scopes = group.slice(0, SCOPES_SHOWN).map((f) => f.scope);
    const more = group.length > SCOPES_SHOWN ? `, … and ${group.length - SCOPES_SHOWN} more` : '';
    return `${plural(group.length, one, many)} over the limit${limit ? ` (${limit})` : ''}: ${scopes.join(', ')}${more}; e.g. ${first.message.replace(/; the limit is .*$/, '')}`;
  });
}

function removals(changes: readonly DashboardChange[], people: PeopleDirectory | undefined): string[] {
  const losing = changes.filter((c) => c.removed.length > 0);
  if (losing.length === 0) return [];
  const lines = ['  Would remove:'];
  for (const change of losing.slice(0, DASHBOARDS_SHOWN)) {
    lines.push(`    ${change.dataType} dashboard "${change.name}": ${change.removed.length} of ${change.before}`);
    const shown = change.removed.slice(0, MEMBERS_SHOWN).map((id) => describeMember(change.dataType, id, people));
    lines.push(
      `      ${shown.join('; ')}${change.removed.length > MEMBERS_SHOWN ? `; … and ${change.removed.length - MEMBERS_SHOWN} more` : ''}`,
    );
  }
  if (losing.length > DASHBOARDS_SHOWN)
    lines.push(`    … and ${plural(losing.length - DASHBOARDS_SHOWN, 'more dashboard')} (\`sis-sync plan\` lists them all)`);
  return lines;
}

function describeMember(dataType: string, id: string, people: PeopleDirectory | undefined): string {
  const person = people?.get(personKey(dataType as 'student' | 'viewer', id));
  return person ? `${person.name} (${id}, ${person.school})` : id;
}
