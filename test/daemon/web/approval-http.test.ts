import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fetch } from 'undici';
import { describe, expect, it } from 'vitest';
import { LINK_KEY_FILE, loadLinkKey } from '../../../src/app/approval-link/link-key.js';
import { newLinkId, signLinkToken } from '../../../src/app/approval-link/link-token.js';
import { openStateReadOnly } from '../../../src/state/store.js';
import { runCli } from '../../helpers/cli.js';
import { READERS, startHeldDaemon, type HeldDaemon } from '../../helpers/held-daemon.js';

// The approval page over plain HTTP against the real daemon: what a link may and may not do.
// Every refusal must change nothing (no decision recorded, no upload) and say why.

const [PRINCIPAL, DATA_MANAGER] = READERS as [string, string];

async function get(url: string) {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

async function post(url: string, fields: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

function formFields(page: string): Record<string, string> {
  const nonce = /name="nonce" value="([^"]+)"/.exec(page)?.[1];
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!nonce || !csrf) throw new Error(`no decision form on the page:\n${page}`);
  return { nonce, csrf };
}

function nothingChanged(held: HeldDaemon, uploadsBefore: number) {
  expect(held.setup.sim.model.uploads.length).toBe(uploadsBefore);
  const store = openStateReadOnly(held.setup.stateDir);
  expect(store?.holds.get(2)?.resolvedAt).toBeNull();
  expect(store?.holdDecisions.forRun(2)).toEqual([]);
  store?.close();
}

function signed(held: HeldDaemon, claims: { plan?: string; expiresAt?: number; runId?: number }) {
  const store = openStateReadOnly(held.setup.stateDir);
  const fingerprint = store?.holds.get(2)?.fingerprint ?? '';
  store?.close();
  const token = signLinkToken(loadLinkKey(held.setup.stateDir), {
    runId: claims.runId ?? 2,
    plan: claims.plan ?? fingerprint.slice(0, 32),
    recipient: PRINCIPAL,
    expiresAt: claims.expiresAt ?? Date.now() + 3_600_000,
    id: newLinkId(),
  });
  return `${held.webUrl}/held/${token}`;
}

describe('the approval page over HTTP', () => {
  it('gives each reader their own link to a page with the held plan, sent with strict headers', async () => {
    const held = await startHeldDaemon();
    const principal = held.linkFor(PRINCIPAL);
    expect(principal).not.toBe(held.linkFor(DATA_MANAGER));
    expect(held.smtp.to(PRINCIPAL).at(-1)?.text).toMatch(
      /Review and decide \(the sis-sync service must be running\):\s+http\S+\s+Or on the server:\s+sis-sync approve 2/,
    );
    const page = await get(principal);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Run 2 was held: nothing was uploaded');
    expect(page.body).toContain('15 of 100 managed student memberships (15%) would be removed');
    expect(page.body).toMatch(new RegExp(`This link was sent to\\s+${PRINCIPAL.replace('.', '\\.')}`));
    expect(page.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'$/,
    );
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.body).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/);

    // Paged and searchable by query parameters: 15 people, 25 a page; a search for one id.
    const search = await get(`${principal}?q=s099`);
    expect(search.body).toContain('1 removal match “s099” (of 15)');
    expect(search.body).toContain('<code>s099</code>');
    expect(search.body).not.toContain('<code>s085</code>');

    // Nothing else is served: no state, no listing.
    for (const path of ['/', '/held/', '/state/sis-sync.db', `/${LINK_KEY_FILE}`, '/healthz']) {
      const other = await get(`${held.webUrl}${path}`);
      expect(other.status).toBe(404);
      expect(other.body).toContain('This server only shows held runs');
    }

    // The key: mode 0600 in the state directory; the token never in a log line.
    expect(statSync(join(held.setup.stateDir, LINK_KEY_FILE)).mode & 0o777).toBe(0o600);
    const token = principal.split('/held/')[1] as string;
    await get(`${principal}/approve`);
    expect(held.daemon.stderr()).not.toContain(token);
    expect(held.daemon.stderr()).not.toContain(token.split('.')[2]);
  });

  it('refuses a tampered, expired or changed-plan link, a form without its CSRF pair and a GET to approve, changing nothing', async () => {
    const held = await startHeldDaemon();
    const uploadsBefore = held.setup.sim.model.uploads.length;
    const link = held.linkFor(PRINCIPAL);
    const page = await get(link);
    const fields = formFields(page.body);

    const tampered = link.slice(0, -3) + (link.endsWith('AAA') ? 'BBB' : 'AAA');
    expect((await get(tampered)).body).toContain('This link is not valid');
    const tamperedPost = await post(`${tampered}/approve`, fields);
    expect(tamperedPost.status).toBe(404);

    const expired = signed(held, { expiresAt: Date.now() - 1000 });
    const expiredPage = await get(expired);
    expect(expiredPage.status).toBe(410);
    expect(expiredPage.body).toContain('This link has expired');
    expect(expiredPage.body).not.toContain('s085');

    const changed = signed(held, { plan: '0'.repeat(32) });
    expect((await get(changed)).body).toContain('The plan has changed');
    expect((await post(`${changed}/approve`, formFields(page.body))).body).toContain('The plan has changed');

    const noCsrf = await post(`${link}/approve`, {});
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body).toContain('Nothing was changed: this form did not come from the page');
    // A CSRF pair made for another link does not fit this one.
    expect((await post(`${held.linkFor(DATA_MANAGER)}/approve`, fields)).status).toBe(403);

    const getApprove = await get(`${link}/approve`);
    expect(getApprove.status).toBe(405);
    expect(getApprove.headers.get('allow')).toBe('POST');
    expect(getApprove.body).toContain('Opening this address does not approve anything');

    nothingChanged(held, uploadsBefore);
  });

  it('records "not now", keeps the hold, and makes that link useless for approving', async () => {
    const held = await startHeldDaemon();
    const uploadsBefore = held.setup.sim.model.uploads.length;
    const link = held.linkFor(DATA_MANAGER);
    const fields = formFields((await get(link)).body);
    const declined = await post(`${link}/decline`, fields);
    expect(declined.status).toBe(303);
    expect(new URL(declined.headers.get('location') ?? '', `${link}/decline`).href).toBe(link);
    expect((await held.daemon.waitForEvent('guard.declined')).by).toBe(DATA_MANAGER);

    const after = await get(link);
    expect(after.body).toContain('Already decided: not now');
    const replay = await post(`${link}/approve`, fields);
    expect(replay.body).toContain('Already decided: not now');
    expect(held.setup.sim.model.uploads.length).toBe(uploadsBefore);

    const status = await runCli(['status'], held.setup.env);
    expect(status.stdout).toMatch(
      new RegExp(
        `HELD: run 2 [^\\n]*\\n  not now by ${DATA_MANAGER.replace('.', '\\.')} via link at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} \\S+$`,
        'm',
      ),
    );
  });

  it('holds the new plan instead when the data changed between the digest and the approval', async () => {
    const held = await startHeldDaemon();
    const link = held.linkFor(PRINCIPAL);
    const fields = formFields((await get(link)).body);
    held.dropMore(1);
    expect((await post(`${link}/approve`, fields)).status).toBe(303);
    await held.daemon.waitForEvent('web.approval_settled');
    const page = await get(link);
    expect(page.body).toContain('Already decided: approved, but the plan had changed');
    expect(held.setup.sim.model.memberIds('', 'Grade 6', 'student')).toHaveLength(20);
  });
});
