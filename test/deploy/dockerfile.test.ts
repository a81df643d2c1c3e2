import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { daemonSetup, type DaemonSetup } from '../helpers/daemon-setup.js';
import { startDaemonProcess, type DaemonProcess } from '../helpers/daemon-process.js';
import { writeFile } from '../helpers/temp.js';

// No Docker engine runs here, so this checks what can be checked without one: the stages and
// the paths they copy match the repository, package.json and the build output, and the image's
// HEALTHCHECK command works against a running daemon.

const ROOT = resolve(import.meta.dirname, '../..');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  dependencies: Record<string, string>;
};

interface Instruction {
  op: string;
  args: string;
  stage: string | undefined;
}

/** Instructions with their continuation lines joined, comments dropped, each tagged with its stage. */
function dockerfile(): Instruction[] {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  let stage: string | undefined;
  const out: Instruction[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [op = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op.toUpperCase() === 'FROM') stage = /\bAS\s+(\S+)/i.exec(args)?.[1];
    out.push({ op: op.toUpperCase(), args, stage });
  }
  return out;
}

function jsonArgs(args: string): string[] {
  return JSON.parse(args.slice(args.indexOf('['))) as string[];
}

const instructions = dockerfile();
const stages = instructions.filter((i) => i.op === 'FROM').map((i) => i.stage);
const runtime = instructions.filter((i) => i.stage === 'runtime');
const dockerignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

describe('Dockerfile', () => {
  it('builds in stages on Node.js 24 LTS slim, the runtime last', () => {
    expect(stages).toEqual(['deps', 'build', 'runtime']);
    const base = instructions.find((i) => i.op === 'ARG' && i.args.startsWith('NODE_IMAGE='))?.args;
    expect(base).toMatch(/^NODE_IMAGE=node:24-[a-z]+-slim$/);
    for (const from of instructions.filter((i) => i.op === 'FROM')) expect(from.args).toMatch(/^\$\{NODE_IMAGE\} AS /);
  });

  it('copies only paths that exist, that .dockerignore lets through, or that an earlier stage made', () => {
    for (const copy of instructions.filter((i) => i.op === 'COPY')) {
      const parts = copy.args.split(/\s+/);
      const from = parts.find((p) => p.startsWith('--from='))?.slice('--from='.length);
      const sources = parts.filter((p) => !p.startsWith('--')).slice(0, -1);
      if (from) {
        expect(stages.indexOf(from), `${copy.args}: stage ${from} comes earlier`).toBeGreaterThanOrEqual(0);
        expect(stages.indexOf(from)).toBeLessThan(stages.indexOf(copy.stage));
        continue;
      }
      for (const source of sources) {
        expect(existsSync(join(ROOT, source)), `${source} exists`).toBe(true);
        expect(dockerignore.includes(source.replace(/\/$/, '')), `${source} is not in .dockerignore`).toBe(false);
      }
    }
  });

  it('builds dist/ where bin/ looks for it, and the runtime takes it and production dependencies only', () => {
    const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { compilerOptions: { outDir: string } };
    expect(tsconfig.compilerOptions.outDir).toBe('dist');
    const bin = packageJson.bin['sis-sync'] as string;
    expect(readFileSync(join(ROOT, bin), 'utf8')).toContain("from '../dist/cli/program.js'");
    expect(existsSync(join(ROOT, 'dist/cli/program.js'))).toBe(true);

    const copies = runtime.filter((i) => i.op === 'COPY').map((i) => i.args);
    expect(copies).toContain('--from=build /app/dist ./dist');
    expect(copies).toContain('--from=deps /app/node_modules ./node_modules');
    const depsInstall = instructions.find((i) => i.stage === 'deps' && i.op === 'RUN' && i.args.includes('npm ci'))?.args;
    expect(depsInstall).toContain('--omit=dev');
    expect(depsInstall).toContain('npm rebuild better-sqlite3');
    expect(Object.keys(packageJson.dependencies)).toContain('better-sqlite3');
    // The build tools stay in the build stages.
    expect(
      runtime
        .filter((i) => i.op === 'RUN')
        .map((i) => i.args)
        .join(' '),
    ).not.toMatch(/g\+\+|python3|npm ci/);
  });

  it('runs as a non-root user under an init, with state in the volume and no curl for its health check', () => {
    const user = runtime.find((i) => i.op === 'USER')?.args;
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    const entrypoint = jsonArgs(runtime.find((i) => i.op === 'ENTRYPOINT')?.args ?? '');
    expect(entrypoint.slice(0, 2)).toEqual(['/usr/bin/tini', '--']);
    expect(runtime.find((i) => i.op === 'RUN' && i.args.includes('install'))?.args).toContain('tini');
    expect(entrypoint.slice(2)).toEqual(['node', `/app/${packageJson.bin['sis-sync']}`]);
    expect(jsonArgs(runtime.find((i) => i.op === 'CMD')?.args ?? '')).toEqual(['run']);

    const env = runtime.find((i) => i.op === 'ENV')?.args ?? '';
    expect(env).toContain('SIS_SYNC_STATE_DIR=/var/lib/sis-sync');
    expect(env).toContain('SIS_SYNC_CONFIG=/etc/sis-sync/sis-sync.json');
    expect(runtime.find((i) => i.op === 'VOLUME')?.args).toBe('["/var/lib/sis-sync"]');
    const healthcheck = runtime.find((i) => i.op === 'HEALTHCHECK')?.args ?? '';
    expect(healthcheck).not.toMatch(/curl|wget/);
  });

  it('the HEALTHCHECK command says healthy (exit 0) for a running daemon and unhealthy (exit 1) once it is gone', async () => {
    const port = await freePort();
    setup = await daemonSetup({ health: { port } });
    daemon = startDaemonProcess(setup.env);
    await daemon.waitForEvent('daemon.started');

    // The command as the image runs it, with /app/ being this repository.
    const healthcheck = runtime.find((i) => i.op === 'HEALTHCHECK')?.args ?? '';
    const [node, script, ...args] = jsonArgs(healthcheck.slice(healthcheck.indexOf('CMD')));
    expect(node).toBe('node');
    const local = (script as string).replace(/^\/app\//, `${ROOT}/`);
    const healthy = execFileSync(process.execPath, [local, ...args], {
      env: { PATH: process.env.PATH ?? '', ...setup.env },
      encoding: 'utf8',
    });
    expect(healthy).toMatch(/^healthy: next run \d{4}-\d{2}-\d{2} 05:00 America\/Chicago/);

    daemon.child.kill('SIGTERM');
    expect((await daemon.done).code).toBe(0);
    const gone = await runCli(['healthcheck'], setup.env);
    expect(gone.code).toBe(1);
    expect(gone.stdout).toContain('unhealthy: sis-sync health endpoint GET /healthz failed');
  });

  it('the HEALTHCHECK command exits 1, not 2, when the configuration is broken (Docker reserves 2)', async () => {
    setup = await daemonSetup();
    const broken = writeFile(setup.dir, 'broken.json', '{ health: { port: "soon" } }');
    const result = await runCli(['healthcheck'], { ...setup.env, SIS_SYNC_CONFIG: broken });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('health.port');
  });
});

let setup: DaemonSetup | undefined;
let daemon: DaemonProcess | undefined;

afterEach(async () => {
  if (daemon && daemon.child.exitCode === null && daemon.child.signalCode === null) daemon.child.kill('SIGKILL');
  await daemon?.done;
  daemon = undefined;
  await setup?.sim.close();
  setup = undefined;
});

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}
