import type { DataType } from './data-types.js';
import type { Roster } from '../roster/roster.js';
import type { Desired } from './model.js';

// What the engine needs from a source, and nothing more. The sources implement these; the
// engine never sees HTTP, files or SQL of a source. (Its port to AspirEDU is sync/upload-api.ts.)

export interface SourceResult {
  desired: Desired;
  /**
   * The data types this source speaks for. Dashboards of another data type are left alone, so
   * that a source without viewers never empties the viewer dashboards managed before.
   */
  dataTypes: readonly DataType[];
  /** Things a person should know about the data (skipped rows, ally conflicts). */
  warnings: string[];
  /** Counts for the log and the run summary. */
  stats: Record<string, number>;
  /**
   * Who a member id is, when the source knows (a roster does, a rows file does not): used to
   * name people in plans and digests. Keyed by `personKey(dataType, id)`.
   */
  people?: PeopleDirectory;
  /**
   * Why each dashboard exists and why each member is on it, when the source knows (mapping
   * rules do, a rows file does not): `sis-sync plan --explain`.
   */
  provenance?: Provenance;
  /** Head counts of what a roster source read, for the source sanity checks of the guard. */
  census?: SourceCensus;
}

export type CensusDataset = 'students' | 'staff' | 'sections';

export interface SourceCensus {
  /** Records read per dataset. */
  datasets: Record<CensusDataset, number>;
  /** Active students per school (by school name). */
  studentsBySchool: Record<string, number>;
  /** People read without the configured SIS id. */
  withoutSisId: { students: number; staff: number };
}

export interface Provenance {
  /** Every dashboard of that name (after trimming and collapsing spaces), in any data type or account. */
  explain(dashboardName: string): DashboardExplanation[];
}

export interface DashboardExplanation {
  account: string;
  name: string;
  /** What made it: one line per rule and instance, e.g. `rule "Grade levels" (school-grade): Lincoln High (100), grade 9`. */
  origins: string[];
  /** Every member of both data types, sorted by data type then id. */
  members: MemberExplanation[];
  /** Things a person should know about this dashboard (ally conflicts, merges). */
  notes: string[];
}

export interface MemberExplanation {
  dataType: DataType;
  id: string;
  /** viewer_is_ally as it will be uploaded (false for students). */
  ally: boolean;
  /** Every reason, in rule order: which rule put the member here and why. */
  reasons: MemberReason[];
}

export interface MemberReason {
  /** `rule "Teachers"` or `mapping.module rules.mjs`. */
  origin: string;
  /** e.g. `in ALG1 (Algebra I) section 3, term 24-25, period 1(A)`. */
  because: string;
  /** Viewers: the viewer_is_ally this reason asks for (a conflict keeps not ally). */
  ally?: boolean;
}

export interface PersonInfo {
  name: string;
  school: string;
}

/** Who a member id is, by `personKey(dataType, id)`. A Map is one; a roster's is worked out on demand. */
export interface PeopleDirectory {
  get(key: string): PersonInfo | undefined;
  has(key: string): boolean;
  /** Everyone with a SIS id, once per id: the first the source lists. */
  entries(): IterableIterator<[string, PersonInfo]>;
}

export function personKey(dataType: DataType, id: string): string {
  return `${dataType}:${id}`;
}

export interface MembershipSource {
  /** For logs and messages, e.g. "files students.csv and viewers.csv". */
  readonly description: string;
  /** Reads everything or throws: a half-read source must never reach the planner. */
  load(signal?: AbortSignal): Promise<SourceResult>;
}

/** Reads a whole Roster from a SIS (PowerSchool REST API, Oracle); throws rather than return part of one. */
export interface RosterReader {
  readonly description: string;
  read(signal?: AbortSignal): Promise<Roster>;
}

/**
 * Turns a Roster into dashboard memberships (the mapping rules). Pure for rules; asynchronous
 * because `mapping.module` runs in a thread of its own (stopped when `signal` aborts). Throws rather than return part.
 */
export type RosterMapper = (roster: Roster, signal?: AbortSignal) => SourceResult | Promise<SourceResult>;
