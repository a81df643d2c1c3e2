// What the product does, as hashes: a code move that must not change behaviour is checked by
// running this before and after and comparing the lines. The built CLI (dist/, through
// bin/sis-sync.js) runs against the built-in simulators with a seeded district on a fixed day:
// the demo district's plan, a first run, a second run after a day of churn, the uploads the
// AspirEDU simulator received, the digests, history and status; then the benchmark's small
// district planned with the bench's settings. What varies from run to run (times, durations,
// ports, upload ids, message ids) is replaced by a placeholder before hashing; the digests' dates
// stay (compare runs of the same day).
// `npm run fingerprint` builds first; `--show <name>` prints one normalised output, `--dump <dir>`
// writes them all (to diff two runs).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import JSON5 from 'json5';
import { simpleParser } from 'mailparser';
import { benchSettings, TINY_DISTRICT } from '../bench/fixture.js';
import { startAspirEduSim } from '../src/sim/aspiredu/server.js';
import { DEMO_DISTRICT, demoAspirEduUsers, demoPeople, pluginAccessFor } from '../src/sim/demo-district.js';
import { startMailSink } from '../src/sim/mail-sink.js';
import { churnDistrict } from '../src/sim/powerschool/district-churn.js';
import { startPowerSchoolSim } from '../src/sim/powerschool/server.js';
import { simulatorEnv } from '../src/sim/simulator-env.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/sis-sync.js');
const DEMO_CONFIG_FILE = join(ROOT, 'config/demo/sis-sync.json');
/** The day the districts are generated around and read as of. */
const DAY = '2026-10-14';
const CHURN_DAY = '2026-10-15';

const outputs = new Map<string, string>();

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env }, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

/** Times, durations, addresses and generated ids out; what is left is behaviour. */
function normalise(text: string, dir: string): string {
  return text
    .replaceAll(dir, '<DIR>')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<PORT>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<UUID>')
    .replace(/\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?/g, '<TIME>')
    .replace(/"(\w*(?:[Mm]s|[Ss]econds|[Dd]uration\w*))":\s*[\d.]+/g, '"$1":<N>')
    .replace(/\b\d+(\.\d+)? ?(ms|s|seconds?|minutes?)\b/g, '<DURATION>')
    .replace(/\b\d{1,2}:\d\d(:\d\d)?( ?[AP]M)?\b/g, '<CLOCK>')
    .replace(/<[^<>@\s]+@[^<>@\s]+>/g, '<MESSAGE-ID>');
}

/** A run's output; its log lines sorted, as the roster's reads run side by side and log in either order. */
function runText(result: { code: number | null; stdout: string; stderr: string }, dir: string): string {
  const logLines = normalise(result.stderr, dir).split('\n').sort();
  return `exit ${result.code}\n${result.stdout}\n--- stderr (sorted)\n${logLines.join('\n')}`;
}

function record(name: string, text: string, dir: string): void {
  outputs.set(name, normalise(text, dir));
}

async function demoDistrict(dir: string): Promise<void> {
  const district = { ...DEMO_DISTRICT, today: DAY };
  const people = demoPeople(district);
  const powerschool = await startPowerSchoolSim({ district, access: pluginAccessFor(DEMO_CONFIG_FILE) });
  const aspiredu = await startAspirEduSim({ processingDelayMs: 5, ...demoAspirEduUsers(people) });
  const mail = await startMailSink(join(dir, 'mail'));
  try {
    const config = JSON5.parse(readFileSync(DEMO_CONFIG_FILE, 'utf8')) as Record<string, Record<string, unknown>>;
    config.powerschool = { ...config.powerschool, asOfDate: DAY };
    config.aspiredu = { ...config.aspiredu, pollIntervalSeconds: 0.02, pollMaxIntervalSeconds: 0.1 };
    const configFile = join(dir, 'sis-sync.json');
    writeFileSync(configFile, JSON.stringify(config), { mode: 0o600 });
    const env = { SIS_SYNC_CONFIG: configFile, ...simulatorEnv({ powerschool, aspiredu, mail }, join(dir, 'state')) };
    const run = async (name: string, args: string[]) => {
      const result = await cli(args, env);
      record(name, runText(result, dir), dir);
    };
    await run('demo plan --json', ['plan', '--json']);
    await run('demo plan (text)', ['plan']);
    await run('demo once (first)', ['once']);
    churnDistrict(powerschool.db, { seed: 11, share: 0.05, day: CHURN_DAY });
    const churned = { ...config, powerschool: { ...config.powerschool, asOfDate: CHURN_DAY } };
    writeFileSync(configFile, JSON.stringify(churned), { mode: 0o600 });
    await run('demo plan --json (after churn)', ['plan', '--json']);
    await run('demo once (after churn)', ['once']);
    await run('demo once (nothing changed)', ['once']);
    await run('history --json', ['history', '--json']);
    await run('status --json', ['status', '--json']);
    await run('uploads --json', ['uploads', '--json']);
    await run('missing --json', ['missing', '--json']);
    await run('drift --json', ['drift', '--json']);

    const uploads = aspiredu.model.uploads.map((upload) => ({
      account: upload.account,
      dataType: upload.dataType,
      uploadType: upload.uploadType,
      policy: upload.policy,
      status: upload.status,
      rows: upload.rows,
      missing: upload.missing,
    }));
    record('uploads received by AspirEDU', JSON.stringify(uploads, null, 1), dir);
    record(
      'AspirEDU dashboards',
      JSON.stringify(
        [...aspiredu.model.dashboards.values()].map((d) => ({
          name: d.name,
          students: [...d.students].sort(),
          viewers: [...d.viewers].sort(),
        })),
        null,
        1,
      ),
      dir,
    );
    let n = 0;
    for (const message of mail.received) {
      const parsed = await simpleParser(readFileSync(message.file));
      const head = `to ${message.to.join(', ')}\nsubject ${parsed.subject ?? ''}\n`;
      n++;
      record(`digest ${n} (text)`, head + (parsed.text ?? ''), dir);
      record(`digest ${n} (html)`, head + (typeof parsed.html === 'string' ? parsed.html : ''), dir);
    }
  } finally {
    await Promise.all([aspiredu.close(), powerschool.close(), mail.close()]);
  }
}

async function benchDistrict(dir: string): Promise<void> {
  const powerschool = await startPowerSchoolSim({ district: TINY_DISTRICT, access: pluginAccessFor(DEMO_CONFIG_FILE) });
  const aspiredu = await startAspirEduSim({ processingDelayMs: 5 });
  try {
    benchSettings({
      dir,
      powerschool: { url: powerschool.url, clientId: powerschool.clientId, clientSecret: powerschool.clientSecret },
      aspiredu: { url: aspiredu.url, token: aspiredu.token },
      facts: powerschool.facts!,
    });
    const env = {
      SIS_SYNC_CONFIG: join(dir, 'sis-sync.json'),
      SIS_SYNC_ASPIREDU_TOKEN: aspiredu.token,
      SIS_SYNC_POWERSCHOOL_CLIENT_SECRET: powerschool.clientSecret,
    };
    const result = await cli(['plan', '--json'], env);
    record('bench tiny district plan --json', runText(result, dir), dir);
  } finally {
    await Promise.all([aspiredu.close(), powerschool.close()]);
  }
}

const show = process.argv.indexOf('--show');
const dump = process.argv.indexOf('--dump');
for (const [name, scenario] of [
  ['demo', demoDistrict],
  ['bench', benchDistrict],
] as const) {
  const dir = mkdtempSync(join(tmpdir(), `sis-sync-fingerprint-${name}-`));
  try {
    await scenario(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (dump >= 0) {
  const into = resolve(process.argv[dump + 1] ?? 'fingerprint');
  mkdirSync(into, { recursive: true });
  for (const [name, text] of outputs) writeFileSync(join(into, `${name.replace(/[^\w.-]+/g, '_')}.txt`), text);
}
if (show >= 0) {
  process.stdout.write(`${outputs.get(process.argv[show + 1] ?? '') ?? `no output named "${process.argv[show + 1]}"`}\n`);
} else {
  const all = createHash('sha256');
  for (const [name, text] of outputs) {
    const hash = createHash('sha256').update(text).digest('hex');
    all.update(`${name}\n${hash}\n`);
    process.stdout.write(`${hash.slice(0, 16)}  ${name}\n`);
  }
  process.stdout.write(`${all.digest('hex')}  all\n`);
}
