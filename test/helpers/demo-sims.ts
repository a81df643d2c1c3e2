import { join } from 'node:path';
import { afterEach } from 'vitest';
import { startAspirEduSim, type AspirEduSim } from '../../src/sim/aspiredu/server.js';
import { DEMO_DISTRICT, demoAspirEduUsers, demoPeople, pluginAccessFor } from '../../src/sim/demo-district.js';
import { DEMO_CONFIG } from '../../src/sim/demo-paths.js';
import { startMailSink, type MailSink } from '../../src/sim/mail-sink.js';
import { startPowerSchoolSim, type PowerSchoolSim } from '../../src/sim/powerschool/server.js';
import { simulatorEnv } from '../../src/sim/simulator-env.js';
import { tempDir } from './temp.js';

// The demo district end to end, for the CLI in a child process: the PowerSchool simulator with
// the plugin access config/demo/sis-sync.json asks for, AspirEDU knowing the demo's people, a
// mail catcher, and the environment that points that config file at them. Closed after each test.

export interface DemoSims {
  ps: PowerSchoolSim;
  aspiredu: AspirEduSim;
  mail: MailSink;
  dir: string;
  stateDir: string;
  env: Record<string, string>;
}

const started: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
  for (const sim of started.splice(0)) await sim.close();
});

export async function startDemoSims(): Promise<DemoSims> {
  const ps = await startPowerSchoolSim({ district: DEMO_DISTRICT, access: pluginAccessFor(DEMO_CONFIG) });
  started.push(ps);
  const aspiredu = await startAspirEduSim({ processingDelayMs: 5, ...demoAspirEduUsers(demoPeople()) });
  started.push(aspiredu);
  const dir = tempDir();
  const mail = await startMailSink(join(dir, 'mail'));
  started.push(mail);
  const stateDir = join(dir, 'state');
  const env = { SIS_SYNC_CONFIG: DEMO_CONFIG, ...simulatorEnv({ powerschool: ps, aspiredu, mail }, stateDir) };
  return { ps, aspiredu, mail, dir, stateDir, env };
}
