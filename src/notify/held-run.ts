import type { DataType } from '../aspiredu/types.js';

// What the safety guard hands the notifier when it holds a run: which dashboards would lose
// which members. The guard (issue 7) builds it; the digest renders it for the `notify.held`
// recipients with the command that lets the run go ahead.

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

export interface HeldRun {
  runId: number;
  /** Why the guard held it, in one sentence, e.g. "The plan removes 412 of 1,980 student memberships (21 %); the limit is 10 %". */
  reason: string;
  dashboards: HeldDashboard[];
  /** The approval page for this digest's one reader (web.publicUrl set): each reader gets their own. */
  reviewLink?: string;
}

export function approveCommand(run: Pick<HeldRun, 'runId'>): string {
  return `sis-sync approve ${run.runId}`;
}

/** The approval page's link for one reader of a held digest (web.publicUrl set), or undefined. */
export type ReviewLinkFor = (runId: number, recipient: string) => string | undefined;
