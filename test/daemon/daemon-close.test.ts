import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { Settings } from '../../src/config/settings.js';
import { Daemon } from '../../src/daemon/daemon.js';
import { acquireStateLock } from '../../src/state/lock.js';
import { HandTicker } from '../helpers/clocks.js';
import { daemonSetup, type DaemonSetup } from '../helpers/daemon-setup.js';
import { captureLog } from '../helpers/log-capture.js';

// A daemon's start makes its parts one at a time (the lock, the store, the health server, the
// approval page, the ticker), and close() may come at any point: a start that fails half-way, or
// a signal during start. Whatever has been made is released: the lock, and every port.

let setup: DaemonSetup | undefined;
const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  await setup?.sim.close();
  setup = undefined;
});

/** Listens on 127.0.0.1:`port` (0: any free port); rejects when the port is taken. */
function listen(port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      servers.push(server);
      resolve(server);
    });
  });
}

const portOf = (server: Server) => (server.address() as { port: number }).port;

async function freePort(): Promise<number> {
  const server = await listen();
  const port = portOf(server);
  await new Promise((resolve) => server.close(resolve));
  servers.splice(servers.indexOf(server), 1);
  return port;
}

async function settingsWith(config: Record<string, unknown>): Promise<Settings> {
  setup = await daemonSetup(config);
  return loadConfig({ file: setup.configFile, env: setup.env }).settings;
}

const daemonOf = (settings: Settings) => new Daemon({ settings, log: captureLog().log, ticker: new HandTicker() });
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );
const lockFile = (settings: Settings) => join(settings.state.dir, 'sis-sync.lock');

describe('Daemon start and close', () => {
  it('releases the health server and the lock when the approval page cannot start', async () => {
    const taken = portOf(await listen());
    const healthPort = await freePort();
    const settings = await settingsWith({
      health: { port: healthPort },
      web: { publicUrl: `http://127.0.0.1:${taken}`, port: taken },
    });
    const daemon = daemonOf(settings);
    expect(await failureOf(daemon.start())).toMatchObject({ code: 'CONFIG_WEB_LISTEN', key: 'web.port' });
    daemon.close();
    expect(existsSync(lockFile(settings))).toBe(false);
    await expect(listen(healthPort)).resolves.toBeDefined();
  });

  it('releases the lock when the state database cannot be opened', async () => {
    const settings = await settingsWith({});
    mkdirSync(settings.state.dir, { recursive: true });
    writeFileSync(join(settings.state.dir, 'sis-sync.db'), 'not a database, written by hand '.repeat(200));
    const daemon = daemonOf(settings);
    expect(await failureOf(daemon.start())).toMatchObject({ code: 'STATE_NOTADB' });
    daemon.close();
    expect(existsSync(lockFile(settings))).toBe(false);
  });

  it('holds nothing when the lock is taken, and can be closed after', async () => {
    const settings = await settingsWith({});
    const other = acquireStateLock(settings.state.dir, 'once');
    try {
      const daemon = daemonOf(settings);
      expect(await failureOf(daemon.start())).toMatchObject({ code: 'STATE_LOCKED' });
      expect(() => daemon.close()).not.toThrow();
    } finally {
      other.release();
    }
    expect(existsSync(lockFile(settings))).toBe(false);
  });

  it('takes nothing after close() during start (a second signal): no lock, no server', async () => {
    const healthPort = await freePort();
    const settings = await settingsWith({ health: { port: healthPort } });
    const daemon = daemonOf(settings);
    const starting = daemon.start();
    daemon.close();
    await starting;
    expect(daemon.healthUrl).toBeUndefined();
    expect(existsSync(lockFile(settings))).toBe(false);
    await expect(listen(healthPort)).resolves.toBeDefined();
  });

  it('leaves nothing held after stop() during start (a first signal), in whichever order the two go', async () => {
    const healthPort = await freePort();
    const settings = await settingsWith({ health: { port: healthPort } });
    const daemon = daemonOf(settings);
    await Promise.all([daemon.start(), daemon.stop('SIGTERM')]);
    expect(existsSync(lockFile(settings))).toBe(false);
    await expect(listen(healthPort)).resolves.toBeDefined();
  });
});
