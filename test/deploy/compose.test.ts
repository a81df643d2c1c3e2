import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/load.js';
import { runCli } from '../helpers/cli.js';

// docker/compose.yaml without Docker: it parses, names files that exist, runs commands the CLI
// has, and the demo configuration it mounts is valid as the container would load it.

const ROOT = resolve(import.meta.dirname, '../..');
const COMPOSE = join(ROOT, 'docker/compose.yaml');
const composeDir = dirname(COMPOSE);

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  secrets?: string[];
  healthcheck?: { disable?: boolean };
  read_only?: boolean;
  cap_drop?: string[];
  ports?: string[];
}

interface Compose {
  services: Record<string, Service>;
  secrets?: Record<string, { file: string }>;
  volumes?: Record<string, unknown>;
}

const text = readFileSync(COMPOSE, 'utf8');
const compose = parse(text, { merge: true }) as Compose;

describe('docker/compose.yaml', () => {
  it('holds the demo stack: the service, the PowerSchool and AspirEDU simulators, and Mailpit', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['aspiredu-sim', 'mailpit', 'powerschool-sim', 'sis-sync']);
    expect(compose.services.mailpit?.image).toMatch(/^axllent\/mailpit:v\d+\.\d+\.\d+$/);
  });

  it('builds from this repository and mounts files that exist', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.build) {
        expect(existsSync(join(composeDir, service.build.context, service.build.dockerfile)), `${name}: Dockerfile`).toBe(true);
      }
      for (const volume of service.volumes ?? []) {
        const [source] = volume.split(':');
        if (source?.startsWith('.') || source?.startsWith('/'))
          expect(existsSync(join(composeDir, source)), `${name}: ${source}`).toBe(true);
        else expect(compose.volumes, `${name}: named volume ${source}`).toHaveProperty(source as string);
      }
      for (const secret of service.secrets ?? []) {
        expect(existsSync(join(composeDir, compose.secrets?.[secret]?.file ?? '')), `secret ${secret}`).toBe(true);
      }
    }
  });

  it('runs the daemon and the simulator with commands the CLI has, hardened, health published on loopback only', async () => {
    const service = compose.services['sis-sync'] as Service;
    const sim = compose.services['aspiredu-sim'] as Service;
    const psSim = compose.services['powerschool-sim'] as Service;
    expect(service.command).toEqual(['run']);
    expect(sim.healthcheck?.disable).toBe(true);
    expect(psSim.healthcheck?.disable).toBe(true);
    for (const s of [service, sim, psSim]) {
      expect(s.read_only).toBe(true);
      expect(s.cap_drop).toEqual(['ALL']);
      expect((await runCli([...(s.command ?? []), '--help'])).code).toBe(0);
    }
    expect(service.ports).toEqual(['127.0.0.1:9464:9464']);
    expect(sim.command).toEqual(expect.arrayContaining(['--host', '0.0.0.0', '--port', '8000']));
  });

  it('runs the demo configuration the image ships, which loads as the container loads it, with secrets from files', () => {
    const service = compose.services['sis-sync'] as Service;
    const env = service.environment ?? {};
    // The image ships config/ in /app/config (COPY config ./config).
    expect(env.SIS_SYNC_CONFIG).toBe('/app/config/demo/sis-sync.json');
    const file = join(ROOT, (env.SIS_SYNC_CONFIG ?? '').slice('/app/'.length));
    const secretFile = (name: string) => join(composeDir, compose.secrets?.[name]?.file ?? '');
    const { settings } = loadConfig({
      file,
      env: {
        ...env,
        SIS_SYNC_ASPIREDU_TOKEN_FILE: secretFile('aspiredu_token'),
        SIS_SYNC_POWERSCHOOL_CLIENT_SECRET_FILE: secretFile('powerschool_client_secret'),
        SIS_SYNC_STATE_DIR: '/var/lib/sis-sync',
        SIS_SYNC_HEALTH_HOST: '0.0.0.0',
      },
    });
    const argument = (service: string, flag: string) => {
      const command = compose.services[service]?.command ?? [];
      return command[command.indexOf(flag) + 1];
    };
    expect(settings.source.type).toBe('powerschool-api');
    expect(settings.aspiredu.url).toBe(`http://aspiredu-sim:${argument('aspiredu-sim', '--port')}`);
    expect(settings.aspiredu.token).toBe(argument('aspiredu-sim', '--token'));
    expect(settings.powerschool.url).toBe(`http://powerschool-sim:${argument('powerschool-sim', '--port')}`);
    expect(settings.powerschool.clientSecret).toBe('sim-client-secret-1f8c6f57');
    expect(settings.notify.smtpUrl).toBe('smtp://mailpit:1025');
  });

  it('has a commented production example that parses once uncommented', () => {
    const start = text.indexOf('# --- Production example');
    expect(start).toBeGreaterThan(0);
    const block = text
      .slice(start)
      .split('\n')
      .filter((line) => /^# {0,2}\S/.test(line) || /^# {2,}/.test(line))
      .map((line) => line.replace(/^# ?/, ''))
      .filter((line) => /^(services|secrets|volumes):|^\s/.test(line))
      .join('\n');
    const production = parse(block) as Compose;
    const service = production.services['sis-sync'] as Service & { restart?: string };
    expect(service.restart).toBe('unless-stopped');
    expect(service.read_only).toBe(true);
    expect(service.environment?.SIS_SYNC_ASPIREDU_TOKEN_FILE).toBe('/run/secrets/aspiredu_token');
    expect(production.secrets?.aspiredu_token?.file).toBe('/etc/sis-sync/aspiredu.token');
  });
});
