import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChurnOptions, ChurnReport } from '../src/sim/powerschool/district-churn.js';
import type { DistrictFacts, DistrictOptions } from '../src/sim/powerschool/district-generator.js';
import type { FieldRef } from '../src/sources/powerschool/queries/query-definition.js';
import type { HostReply, HostRequest, RequestStats } from './powerschool-host.js';

// The parent's handle on the PowerSchool simulator process (powerschool-host.ts): one request
// at a time, each answered before the next is sent.

export interface PowerSchoolProcess {
  url: string;
  clientId: string;
  clientSecret: string;
  facts: DistrictFacts;
  generateMs: number;
  /** Rows per simulator table after generation. */
  tables: Record<string, number>;
  setLatency(ms: number): Promise<void>;
  churn(options: ChurnOptions): Promise<{ report: ChurnReport; ms: number }>;
  /** Requests received since the last call, and the simulator's own time answering them. */
  takeRequests(timeline?: boolean): Promise<RequestStats>;
  /** SIS ids of every student and staff member, whatever their status. */
  people(): Promise<{ students: string[]; staff: string[] }>;
  close(): Promise<void>;
}

const HOST = fileURLToPath(new URL('./powerschool-host.ts', import.meta.url));

export async function startPowerSchoolProcess(
  district: DistrictOptions,
  maxPageSize: number,
  access: FieldRef[],
): Promise<PowerSchoolProcess> {
  const child = fork(HOST, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <T>(request: HostRequest): Promise<T> => send(child, request) as Promise<T>;
  const started = (await send(child, { type: 'start', district, maxPageSize, access })) as Extract<HostReply, { type: 'started' }>;
  return {
    url: started.url,
    clientId: started.clientId,
    clientSecret: started.clientSecret,
    facts: started.facts as DistrictFacts,
    generateMs: started.generateMs,
    tables: started.tables,
    setLatency: (ms) => ask({ type: 'latency', ms }),
    churn: (options) => ask({ type: 'churn', options }),
    takeRequests: (timeline) => ask({ type: 'requests', ...(timeline ? { timeline } : {}) }),
    people: () => ask({ type: 'people' }),
    close: async () => {
      if (child.connected) await ask({ type: 'close' });
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

function send(child: ChildProcess, request: HostRequest): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`the PowerSchool simulator process exited (${code}) during "${request.type}"`));
    child.once('exit', onExit);
    child.once('message', (reply: HostReply) => {
      child.off('exit', onExit);
      if (reply.type === 'failed') reject(new Error(`PowerSchool simulator process: ${reply.message}`));
      else resolve(reply.type === 'done' ? reply.value : reply);
    });
    child.send(request);
  });
}
