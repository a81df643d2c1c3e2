import type { DataType } from '../desired/data-types.js';

// What the safety guard hands the notifier when it holds a run: why, and which dashboards
// would lose which members. src/app/held-run-of.ts builds it from the guard's findings; the
// digest renders it for the `notify.held` recipients with what lets the run go ahead.

export interface HeldMember {
  /** The SIS id (or AspirEDU id) as uploaded. */
  id: string;
  /** From the roster, when the source knows people. */
  name?: string;
  school?: string;
}

export interface HeldDashboard {
  dataType: DataType;
  account: string;
  name: string;
  /** Members now, and after the upload that was held. */
  before: number;
  after: number;
  /** Every member the upload would remove; the digest names only the first few of a long list. */
  losing: HeldMember[];
}

/**
 * One thing the guard found. `kind` is the guard's finding kind ("source": the data read looks
 * broken; "threshold": the plan changes more than a limit allows); the digest groups by it and
 * words any other kind generically, so that new kinds and checks need no change here.
 */
export interface HeldReason {
  kind: string;
  /** The guard's check, e.g. "removal-share"; absent when only a message is known. */
  check?: string;
  /** "run", a school, a data type or a dashboard. */
  scope?: string;
  /** One sentence, e.g. "412 of 1,980 managed memberships (21%) would be removed; the limit is 10% (guard.maxRemovalShare)". */
  message: string;
}

export interface HeldRun {
  runId: number;
  reasons: HeldReason[];
  dashboards: HeldDashboard[];
  /** The approval page for this digest's one reader (web.publicUrl set): each reader gets their own. */
  reviewLink?: string;
}

export function approveCommand(run: Pick<HeldRun, 'runId'>): string {
  return `sis-sync approve ${run.runId}`;
}

/** The approval page's link for one reader of a held digest (web.publicUrl set), or undefined. */
export type ReviewLinkFor = (runId: number, recipient: string) => string | undefined;

/** The reasons in one line, for the log and the failure record: the first, and how many more. */
export function reasonSummary(run: Pick<HeldRun, 'reasons'>): string {
  const [first, ...rest] = run.reasons;
  if (!first) return 'Held by the safety guard';
  return rest.length === 0 ? first.message : `${first.message} (and ${rest.length} more ${rest.length === 1 ? 'reason' : 'reasons'})`;
}
