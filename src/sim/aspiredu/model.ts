import { randomUUID } from 'node:crypto';
import type { ClearExistingPolicy, UploadStatus, UploadType } from '../../aspiredu/types.js';
import type { DataType } from '../../desired/data-types.js';

// The simulator's memory: the users AspirEDU knows, dashboards and their members, uploads.
// Tests read it directly to check what a real AspirEDU would now hold.

export interface SimUser {
  id: string;
  sisId: string | null;
  name: string;
}

export interface SimDashboard {
  id: number;
  account: string;
  name: string;
  /** Student user ids. */
  students: Set<string>;
  /** Viewer user id → is ally. */
  viewers: Map<string, boolean>;
}

/** One row as received, with the id column it used. */
export interface SimRow {
  dashboardName: string;
  idField: string;
  idValue: string;
  isAlly: boolean;
}

export interface SimUpload {
  id: string;
  created: string;
  user: string;
  account: string;
  dataType: DataType;
  uploadType: UploadType;
  policy: ClearExistingPolicy;
  status: UploadStatus;
  rows: SimRow[];
  error: { message?: string };
  missing: Record<string, string[]>;
  /** Set when processing is scheduled; null while held by a "never finish" fault. */
  finishAt: number | null;
}

export class AspirEduSimModel {
  readonly students = new Map<string, SimUser>();
  readonly viewers = new Map<string, SimUser>();
  private readonly studentsBySis = new Map<string, SimUser>();
  private readonly viewersBySis = new Map<string, SimUser>();
  readonly dashboards = new Map<number, SimDashboard>();
  /** In creation order; the API lists them newest first. */
  readonly uploads: SimUpload[] = [];
  // Indexes, so that a district's thousands of dashboards and uploads are found without a scan.
  private readonly dashboardsByName = new Map<string, SimDashboard>();
  private readonly uploadsById = new Map<string, SimUpload>();
  private nextUserId = 1000;
  private nextDashboardId = 1;

  constructor(readonly subaccounts: ReadonlySet<string>) {}

  addUser(dataType: DataType, user: { sisId: string | null; name?: string; id?: string }): SimUser {
    const created: SimUser = {
      id: user.id ?? String(this.nextUserId++),
      sisId: user.sisId,
      name: user.name ?? `User ${user.sisId ?? ''}`.trim(),
    };
    (dataType === 'student' ? this.students : this.viewers).set(created.id, created);
    if (created.sisId !== null) (dataType === 'student' ? this.studentsBySis : this.viewersBySis).set(created.sisId, created);
    return created;
  }

  /** Finds a user by the id column a row used: `*_id` is AspirEDU's id, `*_sis_id` the SIS id. */
  findUser(dataType: DataType, idField: string, value: string): SimUser | undefined {
    const bySis = idField.endsWith('_sis_id');
    if (dataType === 'student') return bySis ? this.studentsBySis.get(value) : this.students.get(value);
    return bySis ? this.viewersBySis.get(value) : this.viewers.get(value);
  }

  dashboard(account: string, name: string): SimDashboard | undefined {
    return this.dashboardsByName.get(`${account}\u001f${name}`);
  }

  dashboardOrCreate(account: string, name: string): SimDashboard {
    const existing = this.dashboard(account, name);
    if (existing) return existing;
    const created: SimDashboard = { id: this.nextDashboardId++, account, name, students: new Set(), viewers: new Map() };
    this.dashboards.set(created.id, created);
    this.dashboardsByName.set(`${account}\u001f${name}`, created);
    return created;
  }

  dashboardsIn(account: string): SimDashboard[] {
    return [...this.dashboards.values()].filter((d) => account === '' || d.account === account).sort((a, b) => a.id - b.id);
  }

  /** SIS ids (or AspirEDU ids for users without one) of a dashboard's members, sorted; for tests. */
  memberIds(account: string, name: string, dataType: DataType): string[] {
    const dashboard = this.dashboard(account, name);
    if (!dashboard) return [];
    const users = dataType === 'student' ? this.students : this.viewers;
    const ids = dataType === 'student' ? [...dashboard.students] : [...dashboard.viewers.keys()];
    return ids.map((id) => users.get(id)?.sisId ?? id).sort();
  }

  /** Viewer SIS id → is ally, for tests. */
  viewerAllies(account: string, name: string): Record<string, boolean> {
    const dashboard = this.dashboard(account, name);
    const out: Record<string, boolean> = {};
    for (const [id, ally] of dashboard?.viewers ?? []) out[this.viewers.get(id)?.sisId ?? id] = ally;
    return out;
  }

  /** `now`: the creation time, in milliseconds; the real time unless the simulator runs on a clock of its own. */
  newUpload(fields: Omit<SimUpload, 'id' | 'created' | 'status' | 'error' | 'missing' | 'finishAt'>, now = Date.now()): SimUpload {
    const upload: SimUpload = {
      ...fields,
      id: randomUUID(),
      created: new Date(now).toISOString(),
      status: 'uploading',
      error: {},
      missing: {},
      finishAt: null,
    };
    this.uploads.push(upload);
    this.uploadsById.set(upload.id, upload);
    return upload;
  }

  upload(id: string): SimUpload | undefined {
    return this.uploadsById.get(id);
  }
}
