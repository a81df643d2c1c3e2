import type { DashboardChange } from '../sync/plan.js';
import { personKey, type PeopleDirectory } from '../sync/ports.js';
import type { RunReport } from '../sync/run.js';

// How the guard's decision reads in the terminal: why a run was held, what it would remove
// (names and SIS ids where the source knows them), and how to go on.

const MEMBERS_SHOWN = 10;

export function formatGuard(report: RunReport): string[] {
  const guard = report.guard;
  if (!guard || guard.findings.length === 0) {
    return guard?.releasedHolds?.length
      ? [
          `  Held run${guard.releasedHolds.length > 1 ? 's' : ''} ${guard.releasedHolds.join(', ')} released: the plan no longer trips the safety guard.`,
        ]
      : [];
  }
  const why = guard.findings.map((f) => `    - ${f.message}`);
  if (guard.decision === 'overridden') return [`  Safety guard overridden by ${guard.by} (--allow-deletes):`, ...why];
  if (guard.decision === 'approved') return [`  Held plan of run ${guard.heldRunId} approved by ${guard.by}:`, ...why];
  const lines = ['  Held by the safety guard; nothing was uploaded. Why:', ...why];
  if (guard.planChanged?.length) {
    lines.push(`  The plan changed since the run you approved; what differs:`, ...guard.planChanged.map((l) => `    - ${l}`));
  }
  if (guard.repeat) lines.push(`  This is the same plan run ${guard.heldRunId} was held with; it stays held until someone acts.`);
  lines.push(...removals(report.plan?.changes ?? [], report.people));
  lines.push(
    `  To apply this plan once: sis-sync approve ${guard.heldRunId}`,
    '  To let one run through the guard: sis-sync once --allow-deletes',
  );
  return lines;
}

function removals(changes: readonly DashboardChange[], people: PeopleDirectory | undefined): string[] {
  const losing = changes.filter((c) => c.removed.length > 0);
  if (losing.length === 0) return [];
  const lines = ['  Would remove:'];
  for (const change of losing) {
    lines.push(`    ${change.dataType} dashboard "${change.name}": ${change.removed.length} of ${change.before}`);
    const shown = change.removed.slice(0, MEMBERS_SHOWN).map((id) => describeMember(change.dataType, id, people));
    lines.push(
      `      ${shown.join('; ')}${change.removed.length > MEMBERS_SHOWN ? `; … and ${change.removed.length - MEMBERS_SHOWN} more` : ''}`,
    );
  }
  return lines;
}

function describeMember(dataType: string, id: string, people: PeopleDirectory | undefined): string {
  const person = people?.get(personKey(dataType as 'student' | 'viewer', id));
  return person ? `${person.name} (${id}, ${person.school})` : id;
}
