import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DEMO_CONFIG, DEMO_DIR } from './demo-paths.js';
import { UsageError } from '../errors.js';
import type { AspirEduSimOptions } from './aspiredu/server.js';

// The simulators `sis-sync sim <name>` can start on their own (in a container of the demo
// stack, or by hand). Adding one is one entry here: its name, default port, its own options,
// and how to start it. The servers are imported only when one starts: the CLI builds its help
// from this list, and the daemon must not load a simulator.

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
      description:
        'users the simulated AspirEDU knows: "district" (the demo district of `sim powerschool`), "rows" (the sample rows in config/demo) or "none"',
      default: 'district',
    },
  ],
  async start(common, options) {
    const delay = Number(options.processingDelayMs);
    if (!Number.isFinite(delay) || delay < 0)
      throw new UsageError(`--processing-delay-ms must be a number of milliseconds, got "${options.processingDelayMs}"`, {
        code: 'USAGE_SIM_OPTION',
      });
    const users = USER_SETS[options.users ?? ''];
    if (!users) throw new UsageError(`--users must be "district", "rows" or "none", got "${options.users}"`, { code: 'USAGE_SIM_OPTION' });
    const { startAspirEduSim } = await import('./aspiredu/server.js');
    const sim = await startAspirEduSim({
      host: common.host,
      port: common.port,
      ...(options.token ? { token: options.token } : {}),
      processingDelayMs: delay,
      ...(await users()),
    });
    return {
      url: sim.url,
      banner: [`AspirEDU simulator listening on ${sim.url}`, `API token: ${sim.token}`],
      close: () => sim.close(),
    };
  },
};

const powerschool: SimulatorEntry = {
  name: 'powerschool',
  description:
    "PowerSchool's REST API (OAuth, metadata, the plugin's PowerQueries and schema table reads) over the generated demo district",
  defaultPort: 8001,
  options: [
    { flags: '--client-id <id>', description: 'the plugin client id clients must send', default: 'sim-client-id-7ebf0a8e' },
    { flags: '--client-secret <secret>', description: 'the plugin client secret clients must send', default: 'sim-client-secret-1f8c6f57' },
  ],
  async start(common, options) {
    const { startPowerSchoolSim } = await import('./powerschool/server.js');
    const { DEMO_DISTRICT, pluginAccessFor } = await import('./demo-district.js');
    const sim = await startPowerSchoolSim({
      host: common.host,
      port: common.port,
      district: DEMO_DISTRICT,
      access: pluginAccessFor(DEMO_CONFIG),
      ...(options.clientId ? { clientId: options.clientId } : {}),
      ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}),
    });
    return {
      url: sim.url,
      banner: [
        `PowerSchool simulator listening on ${sim.url}`,
        `Plugin client id: ${sim.clientId}`,
        `Plugin client secret: ${sim.clientSecret}`,
      ],
      close: () => sim.close(),
    };
  },
};

export const SIMULATORS: readonly SimulatorEntry[] = [aspiredu, powerschool];

type SimUsers = Pick<AspirEduSimOptions, 'students' | 'viewers'>;

/** Who the simulated AspirEDU knows, per --users. */
const USER_SETS: Record<string, () => SimUsers | Promise<SimUsers>> = {
  district: async () => (await import('./demo-district.js')).demoAspirEduUsers(),
  rows: () => ({ students: sampleIds('students.csv', 'student_sis_id'), viewers: sampleIds('viewers.csv', 'viewer_sis_id') }),
  none: () => ({ students: [], viewers: [] }),
};

/** The ids in a sample rows file, less one student kept unknown to show missing users. */
function sampleIds(file: string, column: string): Array<{ sisId: string }> {
  const rows = parse(readFileSync(join(DEMO_DIR, file)), { columns: true, bom: true }) as Array<Record<string, string>>;
  return [...new Set(rows.map((row) => row[column] ?? ''))].filter((id) => id !== '' && id !== '100999').map((sisId) => ({ sisId }));
}
