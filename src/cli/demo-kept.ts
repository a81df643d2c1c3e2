import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIMULATORS } from '../sim/catalog.js';
import { DEMO_CONFIG } from '../sim/demo-paths.js';

// What `sis-sync demo --keep` prints last: the commands that explore what it kept, each one
// that works as printed. The state store and the mail are read as they are; `plan` needs the
// PowerSchool simulator again, which serves the same seeded district on its default port (the
// one config/demo/sis-sync.json names), so the plan shows what changed since: nothing.

/** Writes `demo.env` into the kept directory and returns the lines to print. */
export function keptDemoInstructions(dir: string): string[] {
  const stateDir = join(dir, 'state');
  const secrets = {
    SIS_SYNC_POWERSCHOOL_CLIENT_SECRET: simDefault('powerschool', '--client-secret <secret>'),
    SIS_SYNC_ASPIREDU_TOKEN: simDefault('aspiredu', '--token <token>'),
  };
  const settings = { SIS_SYNC_CONFIG: DEMO_CONFIG, SIS_SYNC_STATE_DIR: stateDir, ...secrets };
  const envFile = join(dir, 'demo.env');
  writeFileSync(
    envFile,
    Object.entries(settings)
      .map(([name, value]) => `export ${name}=${shellQuote(value)}\n`)
      .join(''),
  );
  return [
    `Kept ${dir}: the state store (state/), the digests (mail/*.eml) and the settings to use them (demo.env).`,
    'To look at what the demo did:',
    `  . ${shellQuote(envFile)}`,
    '  npx sis-sync status',
    '  npx sis-sync missing',
    '  npx sis-sync history',
    `  ls ${shellQuote(join(dir, 'mail'))}`,
    'To plan against the same district, start its simulators (in the background, or each in a terminal of its own), then plan:',
    '  npx sis-sync sim powerschool &',
    '  npx sis-sync sim aspiredu --users district &',
    '  npx sis-sync plan',
  ];
}

function simDefault(name: string, flags: string): string {
  const value = SIMULATORS.find((sim) => sim.name === name)?.options.find((option) => option.flags === flags)?.default;
  if (value === undefined) throw new Error(`the ${name} simulator has no default for ${flags}`);
  return value;
}

/** Single quotes, for a path with spaces or a value with a $. */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
