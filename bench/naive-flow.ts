import { Agent, request } from 'undici';
import type { DashboardMembers } from '../src/desired/model.js';
import type { ManualClock } from '../src/sim/manual-clock.js';

// The vendor's how-to guide, "Uploading many changes to multiple dashboards" (seed 000), as a
// district would run it from its own script, faithfully but for one point: one `contained`
// upload per dashboard, viewers first and then students as in the guide, each polled every
// 30 seconds until it ends. The guide's sample posts every upload before polling any; here each
// is polled to its end before the next is posted, because the API reference (seed 001) asks
// that no two clearing uploads run at once. The guide has no memory of what it sent, so every
// dashboard is sent on every run; `changedOnly` is the same flow given only the dashboards that
// changed since the last run, and an empty upload for each one that went away, for comparison.

export interface NaiveRunResult {
  uploads: number;
  requests: number;
  rows: number;
  simulatedMs: number;
}

export interface NaiveFlowOptions {
  url: string;
  token: string;
  clock: ManualClock;
  /** The guide's `time.sleep(30)`. */
  pollIntervalMs?: number;
  /** An id AspirEDU does not know, to empty a dashboard with (as the API reference describes). */
  placeholderId?: string;
}

const UPLOADS = '/detective/api/v2/dashboard/upload/';

export class NaiveFlow {
  private readonly agent = new Agent({ connections: 1 });

  constructor(private readonly options: NaiveFlowOptions) {}

  async run(dashboards: readonly DashboardMembers[], emptied: readonly DashboardMembers[] = []): Promise<NaiveRunResult> {
    const started = this.options.clock.now();
    const result: NaiveRunResult = { uploads: 0, requests: 0, rows: 0, simulatedMs: 0 };
    const all = [...dashboards, ...emptied.map((dashboard) => ({ ...dashboard, members: new Map() }))];
    for (const dataType of ['viewer', 'student'] as const) {
      for (const dashboard of all) {
        if (dashboard.dataType !== dataType) continue;
        const data = rowsOf(dashboard, this.options.placeholderId ?? 'sis-sync-empty-dashboard');
        let upload = await this.call('POST', UPLOADS, { clear_existing_policy: 'contained', data_type: dataType, data }, result);
        result.uploads++;
        result.rows += data.length;
        while (upload.status === 'uploading') {
          await this.options.clock.sleep(this.options.pollIntervalMs ?? 30_000);
          upload = await this.call('GET', `${UPLOADS}${String(upload.id)}/`, undefined, result);
        }
        if (upload.status === 'error') throw new Error(`naive flow: upload ${String(upload.id)} ended in error`);
      }
    }
    result.simulatedMs = this.options.clock.now() - started;
    return result;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async call(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    result: NaiveRunResult,
  ): Promise<{ id: unknown; status: string }> {
    result.requests++;
    const response = await request(new URL(path, this.options.url), {
      method,
      dispatcher: this.agent,
      headers: { authorization: `Bearer ${this.options.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await response.body.json()) as { id: unknown; status: string };
    if (response.statusCode !== 200) throw new Error(`naive flow: ${method} ${path} answered ${response.statusCode}`);
    return json;
  }
}

/** The guide's rows: {"dashboard_name", "student_sis_id"} or {"dashboard_name", "viewer_sis_id", "viewer_is_ally"}. */
function rowsOf(dashboard: DashboardMembers, placeholderId: string): Array<Record<string, unknown>> {
  const ids = dashboard.members.size > 0 ? [...dashboard.members.keys()] : [placeholderId];
  return ids.map((id) =>
    dashboard.dataType === 'student'
      ? { dashboard_name: dashboard.name, student_sis_id: id }
      : { dashboard_name: dashboard.name, viewer_sis_id: id, viewer_is_ally: dashboard.members.get(id) === true },
  );
}
