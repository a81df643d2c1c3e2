import type Database from 'better-sqlite3';
import type { DataType, IdField } from '../desired/data-types.js';
import { membersFromJson, membersToJson, type DashboardMembers } from '../desired/model.js';
import { storedText } from './stored-text.js';

// Every upload this service makes, from the intent written before the POST to its final status.

export type UploadPhase = 'sending' | 'polling' | 'done' | 'abandoned';

export interface UploadRecord {
  id: number;
  runId: number;
  apiId: string | null;
  account: string;
  dataType: DataType;
  idField: IdField;
  phase: UploadPhase;
  status: string | null;
  dashboardCount: number;
  rowCount: number;
  contentHash: string;
  intentAt: string;
  createdAt: string | null;
  finishedAt: string | null;
  lastPolledAt: string | null;
  polls: number;
  error: string | null;
  missing: Record<string, string[]> | null;
}

interface UploadRow {
  id: number;
  run_id: number;
  api_id: string | null;
  account: string;
  data_type: DataType;
  id_field: IdField;
  phase: UploadPhase;
  status: string | null;
  dashboard_count: number;
  row_count: number;
  content_hash: string;
  intent_at: string;
  created_at: string | null;
  finished_at: string | null;
  last_polled_at: string | null;
  polls: number;
  error: string | null;
  missing: string | null;
}

export interface UploadIntent {
  runId: number;
  account: string;
  dataType: DataType;
  idField: IdField;
  dashboards: readonly DashboardMembers[];
  rowCount: number;
  contentHash: string;
  intentAt: string;
  /** The id sent as the only row of each emptied dashboard: kept with it, for `placeholderEvidence`. */
  placeholderId?: string;
}

/** What the last upload that emptied a dashboard with a placeholder says about that id. */
export interface PlaceholderEvidence {
  uploadId: number;
  apiId: string | null;
  status: string;
  finishedAt: string | null;
  /** AspirEDU named the placeholder missing: it knows no such user, as it must. */
  reportedMissing: boolean;
}

type StoredDashboard = { name: string; members: Array<[string, boolean]>; placeholder?: string };

const SUMMARY_COLUMNS = `id, run_id, api_id, account, data_type, id_field, phase, status, dashboard_count, row_count,
  content_hash, intent_at, created_at, finished_at, last_polled_at, polls, error, missing`;

export class Uploads {
  constructor(private readonly db: Database.Database) {}

  /** The bookmark written before a POST: if the process dies now, the next run knows to look. */
  insertIntent(intent: UploadIntent): number {
    const dashboards: StoredDashboard[] = intent.dashboards.map((d) => ({
      name: d.name,
      members: membersToJson(d.members),
      ...(d.members.size === 0 && intent.placeholderId !== undefined ? { placeholder: intent.placeholderId } : {}),
    }));
    const result = this.db
      .prepare(
        `INSERT INTO uploads (run_id, account, data_type, id_field, phase, dashboards, dashboard_count, row_count, content_hash, intent_at)
         VALUES (?, ?, ?, ?, 'sending', ?, ?, ?, ?, ?)`,
      )
      .run(
        intent.runId,
        intent.account,
        intent.dataType,
        intent.idField,
        JSON.stringify(dashboards),
        dashboards.length,
        intent.rowCount,
        intent.contentHash,
        intent.intentAt,
      );
    return Number(result.lastInsertRowid);
  }

  markCreated(id: number, apiId: string, status: string, createdAt: string): void {
    this.db
      .prepare(`UPDATE uploads SET api_id = ?, status = ?, phase = 'polling', created_at = ? WHERE id = ?`)
      .run(apiId, status, createdAt, id);
  }

  markPolled(id: number, status: string, at: string): void {
    this.db.prepare(`UPDATE uploads SET status = ?, last_polled_at = ?, polls = polls + 1 WHERE id = ?`).run(status, at, id);
  }

  markDone(id: number, status: string, at: string, error: string | null, missing: Record<string, string[]> | null): void {
    this.db
      .prepare(`UPDATE uploads SET phase = 'done', status = ?, finished_at = ?, error = ?, missing = ? WHERE id = ?`)
      .run(status, at, storedText(error), missing ? JSON.stringify(missing) : null, id);
  }

  /** The POST did not reach AspirEDU (as far as its upload list shows); the content will be planned again. */
  markAbandoned(id: number, at: string, reason: string): void {
    this.db.prepare(`UPDATE uploads SET phase = 'abandoned', finished_at = ?, error = ? WHERE id = ?`).run(at, storedText(reason), id);
  }

  get(id: number): UploadRecord | undefined {
    const row = this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM uploads WHERE id = ?`).get(id) as UploadRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** Uploads a previous process left unfinished: being sent, or sent and not yet ended. */
  inFlight(): UploadRecord[] {
    return (
      this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM uploads WHERE phase IN ('sending', 'polling') ORDER BY id`).all() as UploadRow[]
    ).map(toRecord);
  }

  forRun(runId: number): UploadRecord[] {
    return (this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM uploads WHERE run_id = ? ORDER BY id`).all(runId) as UploadRow[]).map(toRecord);
  }

  hasApiId(apiId: string): boolean {
    return this.db.prepare(`SELECT 1 FROM uploads WHERE api_id = ?`).get(apiId) !== undefined;
  }

  /**
   * The newest upload that ended in a success status after emptying a dashboard with this
   * placeholder. AspirEDU's API cannot look a user up; such an upload is the only evidence of
   * whether it knows the id (it must report it missing).
   */
  placeholderEvidence(placeholderId: string): PlaceholderEvidence | undefined {
    const row = this.db
      .prepare(
        `SELECT id, api_id, status, finished_at, missing FROM uploads
         WHERE phase = 'done' AND status IN ('success', 'success_missing', 'success_with_missing')
           AND instr(dashboards, '"placeholder":') > 0
           AND EXISTS (SELECT 1 FROM json_each(uploads.dashboards) d WHERE json_extract(d.value, '$.placeholder') = ?)
         ORDER BY id DESC LIMIT 1`,
      )
      .get(placeholderId) as Pick<UploadRow, 'id' | 'api_id' | 'status' | 'finished_at' | 'missing'> | undefined;
    if (!row) return undefined;
    const missing = row.missing ? (JSON.parse(row.missing) as Record<string, string[]>) : {};
    return {
      uploadId: row.id,
      apiId: row.api_id,
      status: row.status as string,
      finishedAt: row.finished_at,
      reportedMissing: Object.values(missing).some((ids) => ids.includes(placeholderId)),
    };
  }

  /** The dashboards an upload carried, exactly as sent. */
  dashboards(id: number): DashboardMembers[] {
    const row = this.db.prepare(`SELECT account, data_type, id_field, dashboards FROM uploads WHERE id = ?`).get(id) as
      (Pick<UploadRow, 'account' | 'data_type' | 'id_field'> & { dashboards: string }) | undefined;
    if (!row) return [];
    return (JSON.parse(row.dashboards) as StoredDashboard[]).map((d) => ({
      dataType: row.data_type,
      account: row.account,
      name: d.name,
      idField: row.id_field,
      members: membersFromJson(d.members),
    }));
  }
}

function toRecord(row: UploadRow): UploadRecord {
  return {
    id: row.id,
    runId: row.run_id,
    apiId: row.api_id,
    account: row.account,
    dataType: row.data_type,
    idField: row.id_field,
    phase: row.phase,
    status: row.status,
    dashboardCount: row.dashboard_count,
    rowCount: row.row_count,
    contentHash: row.content_hash,
    intentAt: row.intent_at,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    lastPolledAt: row.last_polled_at,
    polls: row.polls,
    error: row.error,
    missing: row.missing ? (JSON.parse(row.missing) as Record<string, string[]>) : null,
  };
}
