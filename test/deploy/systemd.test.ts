import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sensitiveKeys } from '../../src/config/schema.js';
import { tempDir, writeFile } from '../helpers/temp.js';

// deploy/systemd/sis-sync.service: systemd-analyze verify where the tool exists, and the hardening and
// credentials docs/operations.md promises.

const ROOT = resolve(import.meta.dirname, '../..');
const UNIT = join(ROOT, 'deploy/systemd/sis-sync.service');
const unit = readFileSync(UNIT, 'utf8');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };

function directives(name: string): string[] {
  return [...unit.matchAll(new RegExp(`^${name}=(.*)$`, 'gm'))].map((m) => m[1] as string);
}

const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
const hasAnalyze = analyze.status === 0;

/** systemd-analyze exits 0 even for unknown keys and bad values; what it says on stderr is the verdict. */
function verify(path: string): string {
  const result = spawnSync('systemd-analyze', ['verify', path], { encoding: 'utf8' });
  return `${result.status === 0 ? '' : `exit ${result.status}\n`}${result.stderr}${result.stdout}`.trim();
}

describe('deploy/systemd/sis-sync.service', () => {
  it.skipIf(!hasAnalyze)('passes systemd-analyze verify without a complaint (skipped where systemd-analyze is not installed)', () => {
    // The ExecStart binary must exist for verify; where node lives elsewhere, check a copy that points at this one.
    const path = existsSync('/usr/bin/node')
      ? UNIT
      : writeFile(tempDir(), 'sis-sync.service', unit.replace('ExecStart=/usr/bin/node', `ExecStart=${process.execPath}`));
    expect(verify(path)).toBe('');
  });

  it.skipIf(!hasAnalyze)('verify does complain about a misspelt directive (so the check above can fail)', () => {
    const broken = writeFile(tempDir(), 'sis-sync.service', unit.replace('ProtectSystem=strict', 'ProtectSystme=strict'));
    expect(verify(broken)).toContain("Unknown key 'ProtectSystme'");
  });

  it('runs the daemon from the install path, under a dynamic user, hardened, restarting on failure within a limit', () => {
    expect(directives('ExecStart')).toEqual([`/usr/bin/node /opt/sis-sync/${packageJson.bin['sis-sync']} run`]);
    expect(directives('DynamicUser')).toEqual(['yes']);
    expect(directives('StateDirectory')).toEqual(['sis-sync']);
    expect(directives('Environment')).toContain('SIS_SYNC_STATE_DIR=/var/lib/sis-sync');
    for (const [key, value] of [
      ['ProtectSystem', 'strict'],
      ['NoNewPrivileges', 'yes'],
      ['PrivateTmp', 'yes'],
      ['Restart', 'on-failure'],
      ['RestartPreventExitStatus', '2'],
    ]) {
      expect(directives(key as string), key).toEqual([value]);
    }
    expect(Number(directives('StartLimitBurst')[0])).toBeGreaterThan(0);
    expect(directives('StartLimitIntervalSec')).toHaveLength(1);
    // Longer than the daemon's default grace period, so that systemd does not SIGKILL a graceful stop.
    expect(Number.parseInt(directives('TimeoutStopSec')[0] ?? '0', 10)).toBeGreaterThan(20);
  });

  it('has a credential line for every secret, named after its key, only the AspirEDU token active', () => {
    // A LoadCredential= line whose file is missing stops the unit (status=243/CREDENTIALS), so
    // the lines of secrets a configuration may not use are commented.
    const active = directives('LoadCredential');
    const commented = [...unit.matchAll(/^#LoadCredential=(.*)$/gm)].map((m) => m[1] as string);
    expect(active).toEqual(['aspiredu.token:/etc/sis-sync/credentials/aspiredu.token']);
    const all = [...active, ...commented].map((line) => line.split(':'));
    expect(all.map(([name]) => name).sort()).toEqual([...sensitiveKeys].sort());
    for (const [name, path] of all) expect(path).toBe(`/etc/sis-sync/credentials/${name}`);
  });

  it.skipIf(!hasAnalyze)('stays valid with every credential line uncommented (skipped without systemd-analyze)', () => {
    const allOn = unit
      .replace(/^#LoadCredential=/gm, 'LoadCredential=')
      .replace('ExecStart=/usr/bin/node', `ExecStart=${process.execPath}`);
    expect(allOn.match(/^LoadCredential=/gm)).toHaveLength(sensitiveKeys.length);
    expect(verify(writeFile(tempDir(), 'sis-sync.service', allOn))).toBe('');
  });

  it('is shipped in the package, so the install puts it in /opt/sis-sync/deploy/systemd', () => {
    const files = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] }).files;
    expect(files).toContain('deploy');
    expect(existsSync(join(ROOT, 'docker/sis-sync.service'))).toBe(false);
  });
});
