import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DISTRICT, pluginAccessFor } from '../../src/sim/demo-district.js';
import { startAspirEduSim, type AspirEduSim } from '../../src/sim/aspiredu/server.js';
import { startPowerSchoolSim, type PowerSchoolSim } from '../../src/sim/powerschool/server.js';
import { simulatorEnv } from '../../src/sim/simulator-env.js';
import { tempDir, writeFile } from '../helpers/temp.js';

// The systemd install of docs/operations.md, done literally: deploy/install.sh (the script its
// block runs) installs this checkout into a temporary directory standing in for /opt/sis-sync,
// then `plan` runs from the installed copy, with the installed demo configuration, against the
// built-in PowerSchool and AspirEDU simulators. That proves the installed files are all the
// program reads at run time (the PowerQuery SQL, config/demo, dist/), that every /opt/sis-sync
// path that page and the unit name exists after install, and that the install works from
// another working directory.
//
// What it does not do: download. `npm ci --omit=dev` in the script would fetch from the registry
// (a minute, and a network this test must not need), so a stand-in `npm` first on PATH answers
// `ci` by linking this checkout's node_modules and `rebuild` by doing nothing, and records both;
// `npm pack`, which decides what is installed, is the real npm. A linked node_modules holds the
// dev dependencies too, so a second test checks that every package dist/ imports is a production
// dependency: what `npm ci --omit=dev` would leave out.

const ROOT = resolve(import.meta.dirname, '../..');
const SCRIPT = join(ROOT, 'deploy/install.sh');
const INSTALL_PATH = '/opt/sis-sync';
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  dependencies: Record<string, string>;
};

/** The fenced shell block of the "systemd" section of docs/operations.md. */
function systemdInstallBlock(): string {
  const page = readFileSync(join(ROOT, 'docs/operations.md'), 'utf8');
  const section = page.slice(page.indexOf('\n## systemd\n'));
  const block = /```sh\n([\s\S]*?)```/.exec(section.slice(0, section.indexOf('\n## ', 5)))?.[1];
  if (!block) throw new Error('docs/operations.md: no ```sh block in the "systemd" section');
  return block;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

/** Installs with the stand-in npm; returns the target directory and the npm commands it stood in for. */
function install(): { work: string; target: string; npmCalls: string[]; output: string } {
  // Kept for the whole file (tempDir() is removed after each test), removed in afterAll.
  const work = mkdtempSync(join(tmpdir(), 'sis-sync-install-'));
  const target = join(work, 'opt', 'sis-sync');
  const log = join(work, 'npm-calls.log');
  const realNpm = execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
  const shimDir = join(work, 'bin');
  mkdirSync(shimDir);
  writeFile(
    shimDir,
    'npm',
    [
      '#!/bin/sh',
      `echo "$*" >> '${log}'`,
      'case "$1" in',
      `  ci) ln -s '${realpathSync(join(ROOT, 'node_modules'))}' node_modules ;;`,
      '  rebuild) ;;',
      `  *) exec '${realNpm}' "$@" ;;`,
      'esac',
    ].join('\n'),
  );
  execFileSync('chmod', ['+x', join(shimDir, 'npm')]);
  const output = execFileSync('sh', [SCRIPT, target], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${shimDir}:${process.env.PATH ?? ''}` },
  });
  return { work, target, npmCalls: readFileSync(log, 'utf8').trim().split('\n'), output };
}

let installed: ReturnType<typeof install>;
beforeAll(() => {
  installed = install();
});
afterAll(() => rmSync(installed.work, { recursive: true, force: true }));

const sims: Array<PowerSchoolSim | AspirEduSim> = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
});

describe('deploy/install.sh (the systemd install of docs/operations.md)', () => {
  it('is what docs/operations.md tells the reader to run, from the checkout after npm ci', () => {
    const block = systemdInstallBlock();
    expect(block).toMatch(/^npm ci\b/m);
    expect(block).toMatch(/^sudo deploy\/install\.sh\b/m);
    expect(block).toContain(`sudo cp ${INSTALL_PATH}/deploy/systemd/sis-sync.service /etc/systemd/system/`);
  });

  it('installs the package files with production dependencies only, readable by the service user', () => {
    const { target, npmCalls, output } = installed;
    expect(npmCalls).toContain('ci --omit=dev --ignore-scripts --no-audit --no-fund');
    expect(npmCalls).toContain('rebuild better-sqlite3');
    expect(output).toContain(`installed in ${target}`);
    const files = filesUnder(target);
    for (const expected of [
      'README.md',
      'CHANGELOG.md',
      'docs/operations.md',
      'docs/reference/configuration.md',
      'package.json',
      'package-lock.json',
      packageJson.bin['sis-sync'] as string,
      'dist/cli/program.js',
      'config/example.json',
      'config/demo/sis-sync.json',
      'deploy/systemd/sis-sync.service',
      'powerschool-plugin/queries/students.sql',
      'powerschool-plugin/plugin/plugin.xml',
    ]) {
      expect(files, expected).toContain(expected);
    }
    // No sources, tests or build tooling.
    expect(files.filter((f) => /^(src|test|scripts|soak|bench)\//.test(f) || f.startsWith('tsconfig'))).toEqual([]);
    for (const file of files) expect(statSync(join(target, file)).mode & 0o004, file).toBe(0o004);
    expect(existsSync(`${target}.new`)).toBe(false);
  });

  it('puts in place every /opt/sis-sync path the install block and the unit name (ExecStart, Documentation=)', () => {
    const unit = readFileSync(join(ROOT, 'deploy/systemd/sis-sync.service'), 'utf8');
    const paths = new Set(
      [...`${systemdInstallBlock()}\n${unit}`.matchAll(/\/opt\/sis-sync\/[\w./-]+/g)].map((m) => m[0].replace(/[.]$/, '')),
    );
    expect(paths).toContain(`${INSTALL_PATH}/docs/operations.md`);
    expect(paths).toContain(`${INSTALL_PATH}/${packageJson.bin['sis-sync']}`);
    for (const path of paths) expect(existsSync(installed.target + path.slice(INSTALL_PATH.length)), path).toBe(true);
    expect(unit).toMatch(new RegExp(`^Documentation=file:${INSTALL_PATH}/docs/operations.md$`, 'm'));
  });

  it('runs `plan` from the installed copy against the PowerSchool and AspirEDU simulators', async () => {
    const { target } = installed;
    const config = join(target, 'config/demo/sis-sync.json');
    const powerschool = await startPowerSchoolSim({ district: DEMO_DISTRICT, access: pluginAccessFor(config) });
    sims.push(powerschool);
    const aspiredu = await startAspirEduSim({ processingDelayMs: 5 });
    sims.push(aspiredu);
    const state = tempDir();
    // Asynchronously: the simulators answer from this process's event loop.
    const child = spawn(process.execPath, [join(target, 'bin/sis-sync.js'), '--config', config, 'plan', '--names', '0'], {
      cwd: state,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        ...simulatorEnv({ powerschool, aspiredu }, join(state, 'state')),
      },
    });
    const result = { stdout: '', stderr: '', status: null as number | null };
    child.stdout.on('data', (chunk: Buffer) => (result.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (result.stderr += chunk.toString()));
    result.status = await new Promise<number | null>((done) => child.on('close', done));
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Grade');
    // The PowerQueries were read: the simulator answered them.
    expect(powerschool.requests.some((r) => r.path.includes('/ws/schema/query/'))).toBe(true);
  });

  it('refuses to install from a checkout where dist/ was not built, and says what to run', () => {
    const empty = tempDir();
    mkdirSync(join(empty, 'deploy'));
    execFileSync('cp', [SCRIPT, join(empty, 'deploy/install.sh')]);
    const result = spawnSync('sh', [join(empty, 'deploy/install.sh'), join(empty, 'target')], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('run `npm ci`');
    expect(existsSync(join(empty, 'target'))).toBe(false);
  });
});

describe('production dependencies', () => {
  it('every package dist/ imports is in "dependencies", so `npm ci --omit=dev` installs it', () => {
    const builtins = new Set(builtinModules);
    const imported = new Set<string>();
    for (const file of filesUnder(join(ROOT, 'dist')).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(join(ROOT, 'dist', file), 'utf8');
      for (const m of code.matchAll(/(?:from\s+|import\s*\(\s*|import\s+|require\s*\(\s*)['"]([^'"./][^'"]*)['"]/g)) {
        const specifier = m[1] as string;
        if (specifier.startsWith('node:') || builtins.has(specifier)) continue;
        const parts = specifier.split('/');
        imported.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string));
      }
    }
    expect(imported.size).toBeGreaterThan(5);
    const notProduction = [...imported].filter((name) => !(name in packageJson.dependencies));
    expect(notProduction).toEqual([]);
  });
});
