import type { DataType } from '../desired/data-types.js';
import type { MissingResolution } from '../state/missing-users.js';
import type { HeldRun } from './held-run.js';

// What a digest can tell, one part per kind of news. Recipients are configured per kind
// (`notify.errors`, `notify.missingUsers`, `notify.changes`, `notify.held`); the heartbeat goes
// to the errors recipients. These values carry no member lists beyond the people a reader must
// act on, and no secret.

export type NewsKind = 'errors' | 'missingUsers' | 'changes' | 'held' | 'drift';
export const NEWS_KINDS: readonly NewsKind[] = ['errors', 'missingUsers', 'changes', 'held', 'drift'];

export type SectionName = NewsKind | 'heartbeat';

/** How the run ended, as the subject line says it; `drift` for the scheduled drift check, which is no run. */
export type DigestOutcome = 'done' | 'failed' | 'held' | 'drift';

export interface Digest {
  district: string;
  /** The run the digest is about, when known. */
  runId: number | undefined;
  /** When the run ended (ISO). */
  at: string;
  outcome: DigestOutcome;
  errors?: FailureNews;
  missingUsers?: MissingNews;
  changes?: ChangesNews;
  held?: HeldNews;
  heartbeat?: HeartbeatNews;
  drift?: DriftNews;
}

export interface DriftedDashboard {
  dataType: DataType;
  account: string;
  name: string;
  /** in AspirEDU but not uploaded: added in the web application; uploaded but gone: removed there. */
  addedInWeb: number;
  removedInWeb: number;
  allyChangedInWeb: number;
  /** AspirEDU no longer has the dashboard. */
  missing: boolean;
}

export interface DriftNews {
  drifted: DriftedDashboard[];
  /** Dashboards in AspirEDU that sis-sync does not manage. */
  unmanaged: string[];
  /** drift.reconcile: the drifted dashboards are being uploaded again. */
  reconciling: boolean;
}

export interface FailureItem {
  /** One sentence a non-technical reader understands. */
  title: string;
  /** AspirEDU's or the system's own words, when they add something. */
  detail?: string;
  /** What to do next. */
  hint?: string;
  /** Dashboards concerned, already described ("Grade 9 (students)"). */
  dashboards?: string[];
  /** When it was first seen (ISO) and in how many runs. */
  since: string;
  runs: number;
}

export interface FailureNews {
  started: FailureItem[];
  ongoing: FailureItem[];
  recovered: FailureItem[];
}

export interface MissingPerson {
  dataType: DataType;
  account: string;
  userId: string;
  /** From the roster, when the source knows people. */
  name?: string;
  school?: string;
  dashboards: string[];
  firstSeenAt: string;
  resolution?: MissingResolution;
}

export interface MissingNews {
  fresh: MissingPerson[];
  still: MissingPerson[];
  noLongerMissing: MissingPerson[];
}

export interface ChangedDashboard {
  dataType: DataType;
  account: string;
  name: string;
  action: 'create' | 'update' | 'empty' | 'resumed';
  /** Unknown (undefined) for an upload finished on behalf of an earlier run. */
  added?: number;
  removed?: number;
  allyChanged?: number;
  after?: number;
}

export interface ChangesNews {
  dashboards: ChangedDashboard[];
  added: number;
  removed: number;
}

export interface HeldNews {
  /** The run being held now; absent when the news is only that an earlier hold ended. */
  run?: HeldRun;
  /** Since when runs have been held (ISO), and how many. */
  since: string;
  runs: number;
  /** The hold ended: a later run went ahead. */
  lifted: boolean;
}

export interface HeartbeatNews {
  /** The last heartbeat or digest to these recipients (ISO), if any. */
  since: string | undefined;
  runs: number;
  dashboards: number;
  memberships: number;
  stillMissing: number;
}
