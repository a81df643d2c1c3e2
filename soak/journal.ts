import type { AspirEduSimModel, SimRow } from '../src/sim/aspiredu/model.js';
import type { DataType } from '../src/desired/data-types.js';
import type { DesiredState } from './desired-state.js';
import type { FaultKind } from './faults/fault-injector.js';
import type { KillPoint } from './kill-plan.js';

// What the soak saw, day by day: the desired state it computed, every upload AspirEDU received
// (stamped with the day it arrived), and how each day's runs ended. The checks read only this,
// the emails and the state database: never sis-sync's own view of what it did.

export interface SoakUpload {
  /** Order in which AspirEDU received it. */
  seq: number;
  day: number;
  apiId: string;
  dataType: DataType;
  policy: string;
  rows: readonly SimRow[];
  status: string;
  missing: Record<string, string[]>;
  createdMs: number;
  /** When processing ended; null while still uploading. */
  finishedMs: number | null;
}

export type RunVerdict = 'done' | 'failed (fault injected)' | 'held (deliberate)' | 'failed (unexpected)' | 'held (unexpected)' | 'hung';

export interface DayRecord {
  day: number;
  faults: FaultKind[];
  kills: Array<{ point: KillPoint; happened: boolean }>;
  runs: Array<{ code: number | null; signal: string | null; killed: string | undefined; ms: number }>;
  verdict: RunVerdict;
  /** For a verdict that is a finding: what the run said. */
  detail?: string;
}

export class Journal {
  readonly desiredByDay = new Map<number, DesiredState>();
  /** A day's desired state after a change made while sis-sync was reading: a run may have seen either. */
  readonly changedDuringRead = new Map<number, DesiredState>();
  readonly days: DayRecord[] = [];
  private readonly dayOfUpload = new Map<string, number>();

  constructor(private readonly aspiredu: AspirEduSimModel) {}

  /** Stamps uploads AspirEDU received since the last call with `day`. */
  stampUploads(day: number): void {
    for (const upload of this.aspiredu.uploads) if (!this.dayOfUpload.has(upload.id)) this.dayOfUpload.set(upload.id, day);
  }

  /** Every upload, as AspirEDU holds it now. */
  uploads(): SoakUpload[] {
    return this.aspiredu.uploads.map((u, seq) => ({
      seq,
      day: this.dayOfUpload.get(u.id) ?? -1,
      apiId: u.id,
      dataType: u.dataType,
      policy: u.policy,
      rows: u.rows,
      status: u.status,
      missing: u.missing,
      createdMs: Date.parse(u.created),
      finishedMs: u.status === 'uploading' ? null : u.finishAt,
    }));
  }
}

/** An upload's dashboards: name → member id → viewer_is_ally (false for students). */
export function dashboardsOf(upload: Pick<SoakUpload, 'rows'>): Map<string, Map<string, boolean>> {
  const out = new Map<string, Map<string, boolean>>();
  for (const row of upload.rows) {
    const members = out.get(row.dashboardName) ?? new Map<string, boolean>();
    members.set(row.idValue, row.isAlly);
    out.set(row.dashboardName, members);
  }
  return out;
}

/** A dashboard's desired members on a day, as viewer_is_ally by id. */
export function desiredMembers(desired: DesiredState, dataType: DataType, name: string): Map<string, boolean> {
  if (dataType === 'viewer') return new Map(desired.viewers.get(name) ?? []);
  return new Map([...(desired.students.get(name) ?? [])].map((id) => [id, false]));
}
