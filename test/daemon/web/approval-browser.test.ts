import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStateReadOnly } from '../../../src/state/store.js';
import { CHROMIUM, chromiumMissing, launchChromium } from '../../helpers/chromium.js';
import { runCli } from '../../helpers/cli.js';
import { READERS, startHeldDaemon } from '../../helpers/held-daemon.js';

// A person's path in real headless Chromium: the link from the held digest, the plan, a search,
// the approve button, the upload in the AspirEDU simulator, then the same link saying it was
// already decided. Screenshots at phone and desktop widths go to test-artifacts/web/.

const ARTIFACTS = join(import.meta.dirname, '../../../test-artifacts/web');
const [PRINCIPAL] = READERS as [string];

let browser: Browser | undefined;

beforeAll(async () => {
  if (chromiumMissing) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(chromiumMissing !== undefined)(`the approval page in Chromium (${CHROMIUM})`, () => {
  it('shows the held plan, approves it once, uploads, and then says it was already decided', async () => {
    const held = await startHeldDaemon();
    const link = held.linkFor(PRINCIPAL);
    const page = await browser!.newPage({ viewport: { width: 1024, height: 900 } });
    const csp: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) csp.push(message.text());
    });

    await page.goto(link);
    expect(await page.title()).toBe('Run 2 is held: review and decide – sis-sync');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    for (const landmark of ['banner', 'main', 'contentinfo'] as const) expect(await page.getByRole(landmark).count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Run 2 was held');
    expect(await page.getByRole('row', { name: /Grade 6 students 20 17 3/ }).count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'held-1024.png'), fullPage: true });

    // The search works by keyboard and without JavaScript (a GET form).
    await page.getByLabel('Search by name, SIS id, school or dashboard').fill('Grade 10');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\?q=Grade\+10/);
    expect(await page.getByRole('cell', { name: 's099' }).count()).toBe(1);
    expect(await page.getByRole('cell', { name: 's085' }).count()).toBe(0);

    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(link);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(ARTIFACTS, 'held-375.png'), fullPage: true });

    const uploadsBefore = held.setup.sim.model.uploads.length;
    await page.getByRole('button', { name: 'Approve and upload' }).click();
    await page.waitForURL(link);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Approved: uploading|approved and uploaded/);
    await page.screenshot({ path: join(ARTIFACTS, 'approved-375.png'), fullPage: true });

    await held.daemon.waitForEvent('web.approval_settled');
    const approved = held.daemon.events().find((e) => e.event === 'guard.approved');
    expect(approved).toMatchObject({ by: PRINCIPAL, via: 'link', heldRunId: 2 });
    expect(held.setup.sim.model.uploads.length).toBeGreaterThan(uploadsBefore);
    expect(held.setup.sim.model.memberIds('', 'Grade 6', 'student')).toHaveLength(17);

    await page.reload();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Already decided: approved and uploaded');
    expect(await page.getByRole('button').count()).toBe(0);
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.screenshot({ path: join(ARTIFACTS, 'decided-1024.png'), fullPage: true });
    expect(csp).toEqual([]);

    const store = openStateReadOnly(held.setup.stateDir);
    expect(store?.holds.get(2)).toMatchObject({ resolution: 'approved', resolvedBy: PRINCIPAL, resolvedVia: 'link' });
    store?.close();
    held.daemon.child.kill('SIGTERM');
    await held.daemon.done;
    const history = await runCli(['history'], held.setup.env);
    expect(history.stdout).toContain(`hold of run 2 by ${PRINCIPAL} via link`);
    const status = await runCli(['status'], held.setup.env);
    expect(status.stdout).toMatch(
      new RegExp(
        `Hold of run 2: approved by ${PRINCIPAL.replace('.', '\\.')} via link at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} \\S+ \\(run 3\\)`,
      ),
    );
  });
});
