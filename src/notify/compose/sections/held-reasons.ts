import type { HeldReason } from '../../held-run.js';

// Why the guard held a run, grouped by the kind of finding, and what that kind says about the
// cause. The guard knows which check tripped, not whether the SIS or sis-sync's own rules
// changed, so the cause is worded from the kind: a source check points at the data read; a
// limit only says that much would change, whatever made it change.

export interface ReasonGroup {
  kind: string;
  title: string;
  messages: string[];
}

const ORDER = ['source', 'threshold'];

const TITLES: Record<string, string> = {
  source: 'The data read looks incomplete',
  threshold: 'More would change than the limits allow',
};

export function groupReasons(reasons: readonly HeldReason[]): ReasonGroup[] {
  const groups = new Map<string, ReasonGroup>();
  for (const reason of reasons) {
    const group = groups.get(reason.kind) ?? { kind: reason.kind, title: TITLES[reason.kind] ?? 'Held by the safety guard', messages: [] };
    group.messages.push(reason.message);
    groups.set(reason.kind, group);
  }
  const rank = (kind: string) => (ORDER.includes(kind) ? ORDER.indexOf(kind) : ORDER.length);
  return [...groups.values()].sort((a, b) => rank(a.kind) - rank(b.kind));
}

export interface Cause {
  /** What the findings say about why, in a sentence or two. */
  explanation: string;
  /** What to do when the removals are not expected. */
  ifNotExpected: string;
}

export function causeOf(reasons: readonly HeldReason[]): Cause {
  if (reasons.some((r) => r.kind === 'source')) {
    return {
      explanation:
        'A check on the data sis-sync read failed (below). That usually means the export or query from the student information system failed or changed, not that the district changed.',
      ifNotExpected:
        'If these removals are not expected, do not approve: get the export from the student information system checked. The first run after it is fixed goes ahead on its own.',
    };
  }
  if (reasons.length > 0 && reasons.every((r) => r.kind === 'threshold')) {
    return {
      explanation:
        "The data passed the checks on the source, but the plan changes more than the safety guard's limits (guard.*) allow. That follows a change in the student information system or in sis-sync's rules (mapping or settings), or an ordinary change that is large: a new term, a school closing, a schedule rebuilt.",
      ifNotExpected:
        "If these removals are not expected, do not approve: find what changed in the student information system or in sis-sync's mapping rules and settings. The command sis-sync plan shows every change, and sis-sync plan --explain <dashboard> why each member is on a dashboard.",
    };
  }
  return {
    explanation: 'The safety guard held this run because it would change more than it allows.',
    ifNotExpected:
      "If these removals are not expected, do not approve: find what changed in the student information system or in sis-sync's rules. The command sis-sync plan shows every change.",
  };
}
