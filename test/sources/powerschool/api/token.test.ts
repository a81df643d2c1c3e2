import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeError, SourceError } from '../../../../src/errors.js';
import type { PowerSchoolSim } from '../../../../src/sim/powerschool/server.js';
import { TOKEN_FILE } from '../../../../src/config/state-files.js';
import { captureLog } from '../../../helpers/log-capture.js';
import { psSetup, QUERY, requestsTo, startPsSim } from '../../../helpers/powerschool.js';

// OAuth client credentials: the token is cached 0600 across restarts, replaced once after a 401,
// and neither it nor the client secret ever reaches a log line or an error message.

let sim: PowerSchoolSim;
afterEach(async () => {
  await sim?.close();
});

const tokenRequests = () => requestsTo(sim, '/oauth/access_token');

describe('PowerSchool token', () => {
  it('asks with HTTP Basic and client_credentials, caches the token in a 0600 file, and reuses it after a restart', async () => {
    sim = await startPsSim();
    const setup = psSetup(sim);
    await setup.reader().read();
    expect(tokenRequests()).toHaveLength(1);
    expect(tokenRequests()[0]?.auth).toBe('basic');
    const file = join(setup.stateDir, TOKEN_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain(sim.tokens.issued[0]);
    expect(readFileSync(file, 'utf8')).not.toContain(sim.clientSecret);

    // A new process: a new reader with the same state directory.
    const restarted = psSetup(sim, {}, { dir: setup.dir });
    await restarted.reader().read();
    expect(tokenRequests()).toHaveLength(1);
    expect(sim.requests.filter((r) => r.auth === 'bearer').every((r) => r.token === sim.tokens.issued[0])).toBe(true);
  });

  it('does not reuse a cached token for another client ID', async () => {
    sim = await startPsSim();
    const setup = psSetup(sim);
    await setup.reader().read();
    const other = psSetup(sim, { clientId: 'another-plugin' }, { dir: setup.dir });
    await expect(other.reader().read()).rejects.toMatchObject({ code: 'POWERSCHOOL_CREDENTIALS' });
    expect(tokenRequests()).toHaveLength(2);
  });

  it('keeps the token in memory only when powerschool.tokenCache is off', async () => {
    sim = await startPsSim();
    const setup = psSetup(sim, { tokenCache: false });
    const reader = setup.reader();
    await reader.read();
    await reader.read();
    expect(tokenRequests()).toHaveLength(1);
    expect(() => statSync(join(setup.stateDir, TOKEN_FILE))).toThrow();
  });

  it('asks for a new token once when PowerSchool answers 401 mid-run, and repeats the request', async () => {
    sim = await startPsSim();
    const setup = psSetup(sim);
    const reader = setup.reader();
    // Let the run start, then expire every token as the first query begins (one request in flight:
    // later, slices and queries read side by side may have two requests refused at once).
    let expired = false;
    const originalPush = sim.requests.push.bind(sim.requests);
    sim.requests.push = (...entries) => {
      if (!expired && entries.some((e) => e.path === `${QUERY('schools')}_bounds`)) {
        expired = true;
        sim.tokens.expireAll();
      }
      return originalPush(...entries);
    };
    const roster = await reader.read();
    expect(roster.students.length).toBeGreaterThan(0);
    expect(tokenRequests()).toHaveLength(2);
    expect(sim.requests.filter((r) => r.status === 401)).toHaveLength(1);
    expect(setup.captured.events()).toContain('powerschool.token.refused');
    expect(readFileSync(join(setup.stateDir, TOKEN_FILE), 'utf8')).toContain(sim.tokens.issued[1]);
  });

  it('fails clearly when a new token is refused too, without printing the credentials', async () => {
    sim = await startPsSim({ tokenLifetimeSeconds: 0 });
    const setup = psSetup(sim);
    const error = await setup
      .reader()
      .read()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ code: 'POWERSCHOOL_UNAUTHORIZED' });
    expect(describeError(error)).toMatch(/Plugin Management Dashboard/);
    expect(describeError(error)).not.toContain(sim.clientSecret);
  });

  it('says to check the plugin credentials when the secret is wrong, and never prints it', async () => {
    sim = await startPsSim();
    const captured = captureLog('trace');
    const setup = psSetup(sim, {}, { captured, secret: 'an-outdated-secret-value' });
    const error = await setup
      .reader()
      .read()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'POWERSCHOOL_CREDENTIALS' });
    const secret = setup.settings.powerschool.clientSecret;
    expect(describeError(error)).toMatch(/powerschool\.clientId and powerschool\.clientSecret/);
    expect(describeError(error)).not.toContain(secret);
    expect(captured.text()).not.toContain(secret);
    expect(captured.text()).not.toContain(Buffer.from(`${setup.settings.powerschool.clientId}:${secret}`).toString('base64'));
  });

  it('never writes the token or the client secret to the log, even at trace level', async () => {
    sim = await startPsSim();
    const captured = captureLog('trace');
    const setup = psSetup(sim, {}, { captured });
    sim.faults.failNext(1, 500, { path: QUERY('staff') });
    await setup.reader().read();
    const token = sim.tokens.issued[0] as string;
    captured.log.info({ event: 'test.leak', note: `token ${token} and secret ${sim.clientSecret}` }, 'Deliberate leak attempt');
    const text = captured.text();
    expect(text).toContain('http.retry');
    expect(text).not.toContain(token);
    expect(text).not.toContain(sim.clientSecret);
    expect(text).toContain('[redacted]');
  });
});
