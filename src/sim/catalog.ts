import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DEMO_DIR } from '../cli/commands/demo.js';
import { UsageError } from '../errors.js';
import { startAspirEduSim } from './aspiredu/server.js';

// The simulators `sis-sync sim <name>` can start on their own (in a container of the demo
// stack, or by hand). Adding one is one entry here: its name, default port, its own options,
// and how to start it.

export interface SimOption {
  /** Commander flags, e.g. "--token <token>". */
  flags: string;
  description: string;
  default?: string;
}

export interface RunningSim {
  url: string;
  /** Lines printed once it listens (what a client must be told). */
  banner: string[];
  close(): Promise<void>;
}

export interface SimulatorEntry {
  name: string;
  description: string;
  defaultPort: number;
  options: SimOption[];
  start(common: { host: string; port: number }, options: Record<string, string | undefined>): Promise<RunningSim>;
}

const aspiredu: SimulatorEntry = {
  name: 'aspiredu',
  description: "AspirEDU's dashboard upload API (v2 uploads, dashboards, members; v1 students)",
  defaultPort: 8000,
  options: [
    { flags: '--token <token>', description: 'the API token clients must send', default: 'sim-aspiredu-token' },
    { flags: '--processing-delay-ms <ms>', description: 'how long an upload takes to process', default: '2000' },
    {
      flags: '--users <set>',
      description: 'users the simulated AspirEDU knows: "demo" (the sample rows in config/demo) or "none"',
      default: 'demo',
    },
  ],
  async start(common, options) {
    const delay = Number(options.processingDelayMs);
    if (!Number.isFinite(delay) || delay < 0)
      throw new UsageError(`--processing-delay-ms must be a number of milliseconds, got "${options.processingDelayMs}"`, {
        code: 'USAGE_SIM_OPTION',
      });
    if (options.users !== 'demo' && options.users !== 'none')
      throw new UsageError(`--users must be "demo" or "none", got "${options.users}"`, { code: 'USAGE_SIM_OPTION' });
    const known = options.users === 'demo';
    const sim = await startAspirEduSim({
      host: common.host,
      port: common.port,
      ...(options.token ? { token: options.token } : {}),
      processingDelayMs: delay,
      students: known ? demoIds('students.csv', 'student_sis_id').map((sisId) => ({ sisId })) : [],
      viewers: known ? demoIds('viewers.csv', 'viewer_sis_id').map((sisId) => ({ sisId })) : [],
    });
    return {
      url: sim.url,
      banner: [`AspirEDU simulator listening on ${sim.url}`, `API token: ${sim.token}`],
      close: () => sim.close(),
    };
  },
};

export const SIMULATORS: readonly SimulatorEntry[] = [aspiredu];

/** The sample users, less the one the demo keeps unknown to show missing users. */
function demoIds(file: string, column: string): string[] {
  const rows = parse(readFileSync(join(DEMO_DIR, file)), { columns: true, bom: true }) as Array<Record<string, string>>;
  return [...new Set(rows.map((row) => row[column] ?? ''))].filter((id) => id !== '' && id !== '100999');
}
