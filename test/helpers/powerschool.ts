import { join } from 'node:path';
import { expect } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { Settings } from '../../src/config/settings.js';
import type { Roster } from '../../src/roster/roster.js';
import { startPowerSchoolSim, type PowerSchoolSim, type PowerSchoolSimOptions } from '../../src/sim/powerschool/server.js';
import type { Logger } from '../../src/log/logger.js';
import { silentLogger } from '../../src/log/logger.js';
import { PowerSchoolClient, type PowerSchoolClientOptions } from '../../src/sources/powerschool/api/client.js';
import { createPowerSchoolApiReader } from '../../src/sources/powerschool/api/create-reader.js';
import { TokenCache } from '../../src/sources/powerschool/api/token-cache.js';
import type { PowerSchoolApiReader } from '../../src/sources/powerschool/api/reader.js';
import { captureLog, type CapturedLog } from './log-capture.js';
import { tempDir, writeFile } from './temp.js';
import { mkdirSync } from 'node:fs';

// The PowerSchool simulator with a small district, and readers configured the way the CLI
// configures them (a config file, the secret from the environment). Retries are shrunk.

export const AS_OF = '2024-10-01';

export async function startPsSim(options: PowerSchoolSimOptions = {}): Promise<PowerSchoolSim> {
  return startPowerSchoolSim({ maxPageSize: 40, ...options, district: options.district ?? { today: AS_OF, students: 240 } });
}

export interface PsSetup {
  settings: Settings;
  dir: string;
  stateDir: string;
  captured: CapturedLog;
  reader(): PowerSchoolApiReader;
}

export function psSetup(
  sim: PowerSchoolSim,
  powerschool: Record<string, unknown> = {},
  options: { dir?: string; captured?: CapturedLog; secret?: string } = {},
): PsSetup {
  const dir = options.dir ?? tempDir();
  const stateDir = join(dir, 'state');
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const config = {
    allowInsecureHttp: true,
    state: { dir: stateDir },
    http: { retryMinDelaySeconds: 0.01, retryMaxDelaySeconds: 0.05 },
    powerschool: { url: sim.url, clientId: sim.clientId, asOfDate: AS_OF, ...powerschool },
  };
  const file = writeFile(dir, 'config.json', JSON.stringify(config));
  const settings = loadConfig({ file, env: { SIS_SYNC_POWERSCHOOL_CLIENT_SECRET: options.secret ?? sim.clientSecret } }).settings;
  const captured = options.captured ?? captureLog();
  return { settings, dir, stateDir, captured, reader: () => createPowerSchoolApiReader(settings, captured.log, stateDir) };
}

/**
 * A client straight onto the simulator, below the reader (no config file): no retries, no
 * spacing between requests, two at once unless `overrides` say otherwise.
 */
export function psClient(sim: PowerSchoolSim, log: Logger = silentLogger(), overrides: Partial<PowerSchoolClientOptions> = {}) {
  return new PowerSchoolClient({
    url: sim.url,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    timeoutMs: 5000,
    retry: { maxRetries: 0, minDelayMs: 1, maxDelayMs: 1, factor: 2 },
    log,
    concurrency: 2,
    minRequestIntervalMs: 0,
    tokenCache: new TokenCache({ server: sim.url, clientId: sim.clientId, log }),
    ...overrides,
  });
}

/** Requests to a path that starts with this, e.g. '/ws/schema/query/'. */
export function requestsTo(sim: PowerSchoolSim, prefix: string) {
  return sim.requests.filter((r) => r.path.startsWith(prefix));
}

export const QUERY = (name: string) => `/ws/schema/query/org.sissync.aspiredu.roster.${name}`;

/** A count from the simulator's own database: what a read is checked against. */
export function countIn(sim: PowerSchoolSim, sql: string, ...params: unknown[]): number {
  return (sim.db.prepare(sql).get(...params) as { n: number }).n;
}

/**
 * The roster's sections hold every active enrolment of the terms that include AS_OF, and not
 * the district's dropped one (negative SECTIONID): whichever way the roster was read.
 */
export function expectEnrolmentsAsInSis(roster: Roster, sim: PowerSchoolSim): void {
  const { studentId, sectionId } = sim.facts!.droppedEnrollment;
  expect(countIn(sim, 'SELECT COUNT(*) AS n FROM cc WHERE studentid = ? AND sectionid = ?', studentId, -sectionId)).toBe(1);
  const section = roster.sections.find((s) => s.key === String(sectionId));
  expect(section).toBeDefined();
  expect(section?.studentKeys).not.toContain(String(studentId));
  expect(roster.sections.reduce((n, s) => n + s.studentKeys.length, 0)).toBe(
    countIn(
      sim,
      `SELECT COUNT(*) AS n FROM cc JOIN students s ON s.id = cc.studentid JOIN terms t ON t.id = cc.termid AND t.schoolid = cc.schoolid
       WHERE cc.sectionid > 0 AND s.enroll_status = 0 AND t.firstday <= ? AND t.lastday >= ?`,
      AS_OF,
      AS_OF,
    ),
  );
}
