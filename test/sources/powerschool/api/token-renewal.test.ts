import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { credentialWarnings } from '../../../../src/app/credential-expiry.js';
import type { PowerSchoolSim } from '../../../../src/sim/powerschool/server.js';
import { TOKEN_FILE } from '../../../../src/config/state-files.js';
import { psSetup, requestsTo, startPsSim } from '../../../helpers/powerschool.js';

// Credential health: a token close to its expiry is renewed ahead of time; when PowerSchool
// refuses, the run goes on with the old token and the reader reports the coming expiry, so that
// the log and the digest warn while there is still time to fix the plugin.

let sim: PowerSchoolSim;
afterEach(async () => {
  await sim?.close();
});

const DAY = 86_400_000;

/** Makes the cached token look as if it expires in `days`. */
function expireCachedTokenIn(stateDir: string, days: number): number {
  const file = join(stateDir, TOKEN_FILE);
  const token = JSON.parse(readFileSync(file, 'utf8')) as { expiresAt: number; issuedAt: number };
  token.issuedAt = Date.now() - 28 * DAY;
  token.expiresAt = Date.now() + days * DAY;
  writeFileSync(file, JSON.stringify(token), { mode: 0o600 });
  return token.expiresAt;
}

describe('PowerSchool token renewal', () => {
  it('renews a token that expires within powerschool.tokenRenewDays', async () => {
    sim = await startPsSim();
    const setup = psSetup(sim);
    await setup.reader().read();
    expireCachedTokenIn(setup.stateDir, 2);
    const reader = psSetup(sim, {}, { dir: setup.dir }).reader();
    await reader.read();
    expect(requestsTo(sim, '/oauth/access_token')).toHaveLength(2);
    expect(reader.credentialExpiries()).toEqual([]);
  });

  it('goes on with the old token when renewal is refused, and reports when it expires', async () => {
    sim = await startPsSim();
    const setup = psSetup(sim);
    await setup.reader().read();
    const expiresAt = expireCachedTokenIn(setup.stateDir, 2);
    sim.faults.failNext(5, 401, { path: '/oauth/access_token' });
    const again = psSetup(sim, {}, { dir: setup.dir });
    const reader = again.reader();
    const roster = await reader.read();
    expect(roster.students.length).toBeGreaterThan(0);
    expect(again.captured.events()).toContain('powerschool.token.renewal_failed');

    const expiries = reader.credentialExpiries();
    expect(expiries).toEqual([expect.objectContaining({ credential: 'PowerSchool OAuth token', expiresAt, origin: 'reported' })]);
    const [warning] = credentialWarnings(expiries, Date.now(), 14);
    expect(warning?.message).toMatch(/PowerSchool OAuth token expires in (1|2) days?/);
    expect(warning?.hint).toMatch(/PowerSchool refused a new token .*Plugin Management Dashboard/);
    expect(JSON.stringify(warning)).not.toContain(sim.clientSecret);
  });
});
