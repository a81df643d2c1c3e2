import { churnDistrict, type ChurnOptions } from '../src/sim/powerschool/district-churn.js';
import type { DistrictOptions } from '../src/sim/powerschool/district-generator.js';
import { startPowerSchoolSim, type PowerSchoolSim } from '../src/sim/powerschool/server.js';
import type { FieldRef } from '../src/sources/powerschool/queries/query-definition.js';

// The PowerSchool simulator in a process of its own, driven over IPC by the benchmark. The
// extraction figure measures the reader, not the simulator: in its own process, the simulator's
// SQL and JSON take the second core instead of the reader's event loop.

export type HostRequest =
  | { type: 'start'; district: DistrictOptions; maxPageSize: number; access: FieldRef[] }
  | { type: 'latency'; ms: number }
  | { type: 'churn'; options: ChurnOptions }
  | { type: 'requests'; timeline?: boolean }
  | { type: 'people' }
  | { type: 'close' };

export interface RequestStats {
  count: number;
  /** Time from arrival to answer, summed over requests, in ms: latency plus the simulator's own time. */
  busyMs: number;
  /** Time the simulator took to answer beyond its set response time (latency), summed over requests, in ms. */
  serverMs: number;
  /** PowerQuery rows the simulator evaluated, and returned (see powerquery-runner.ts). */
  rowsEvaluated: number;
  rowsReturned: number;
  /** When asked for: each request's arrival and answer (performance.now() of the simulator), and path. */
  timeline?: Array<[number, number, string]>;
}

export type HostReply =
  | {
      type: 'started';
      url: string;
      clientId: string;
      clientSecret: string;
      facts: PowerSchoolSim['facts'];
      generateMs: number;
      tables: Record<string, number>;
    }
  | { type: 'done'; value?: unknown }
  | { type: 'failed'; message: string };

let sim: PowerSchoolSim | undefined;

const TABLES = ['schools', 'students', 'users', 'schoolstaff', 'sections', 'sectionteacher', 'cc'];

async function handle(message: HostRequest): Promise<HostReply> {
  switch (message.type) {
    case 'start': {
      const started = performance.now();
      sim = await startPowerSchoolSim({ district: message.district, maxPageSize: message.maxPageSize, access: message.access });
      const generateMs = performance.now() - started;
      const db = sim.db;
      const tables = Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number]));
      return {
        type: 'started',
        url: sim.url,
        clientId: sim.clientId,
        clientSecret: sim.clientSecret,
        facts: sim.facts,
        generateMs,
        tables,
      };
    }
    case 'latency':
      // A response time, the simulator's own work included: what the extraction floor assumes of
      // every request. Added after the work instead, the simulator's CPU would count as the reader's.
      running().live.responseTimeMs = message.ms;
      return { type: 'done' };
    case 'churn': {
      const started = performance.now();
      const report = churnDistrict(running().db, message.options);
      return { type: 'done', value: { report, ms: performance.now() - started } };
    }
    case 'requests': {
      const requests = running().requests.splice(0);
      const latency = running().live.responseTimeMs;
      const busyMs = requests.reduce((sum, r) => sum + ((r.finishedAt ?? r.at) - r.at), 0);
      const serverMs = requests.reduce((sum, r) => sum + Math.max(0, (r.finishedAt ?? r.at) - r.at - latency), 0);
      const rowsEvaluated = requests.reduce((sum, r) => sum + (r.rowsEvaluated ?? 0), 0);
      const rowsReturned = requests.reduce((sum, r) => sum + (r.rowsReturned ?? 0), 0);
      const timeline = message.timeline ? requests.map((r): [number, number, string] => [r.at, r.finishedAt ?? r.at, r.path]) : undefined;
      return {
        type: 'done',
        value: {
          count: requests.length,
          busyMs,
          serverMs,
          rowsEvaluated,
          rowsReturned,
          ...(timeline ? { timeline } : {}),
        } satisfies RequestStats,
      };
    }
    case 'people': {
      const column = (sql: string) => running().db.prepare(sql).pluck().all().map(String);
      return {
        type: 'done',
        value: {
          students: column('SELECT DISTINCT student_number FROM students WHERE student_number IS NOT NULL'),
          staff: column('SELECT DISTINCT teachernumber FROM users WHERE teachernumber IS NOT NULL'),
        },
      };
    }
    case 'close':
      await sim?.close();
      sim = undefined;
      return { type: 'done' };
  }
}

function running(): PowerSchoolSim {
  if (!sim) throw new Error('the PowerSchool simulator has not been started');
  return sim;
}

process.on('message', (message: HostRequest) => {
  handle(message)
    .catch((error: unknown): HostReply => ({ type: 'failed', message: (error as Error).stack ?? String(error) }))
    .then((reply) => {
      process.send?.(reply);
      if (message.type === 'close') process.disconnect();
    });
});
