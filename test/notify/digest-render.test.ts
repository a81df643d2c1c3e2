import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDigest } from '../../src/notify/compose/compose-digest.js';
import { chromiumMissing, launchChromium } from '../helpers/chromium.js';
import { benchDigests } from './bench-digests.js';

// Every kind of digest, filled from the bench-sized district, opened in a real headless
// Chromium as a reader would: on a phone (375 px) and on a desktop (1024 px), nothing may be
// wider than the screen, what to do must be on the first screen, and the HTML must stay under
// Gmail's clipping size. Screenshots go to test-artifacts/digests/ for a person to look at.

if (chromiumMissing) console.warn(`Skipping the digest render tests: ${chromiumMissing}`);

const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts/digests');
/** Gmail clips an HTML part past about 102 KB; the budget leaves room under that. */
const MAX_HTML_BYTES = 100_000;
const SCREENS = [
  { width: 375, height: 667 },
  { width: 1024, height: 768 },
];

interface Layout {
  scrollWidth: number;
  innerWidth: number;
  /** Elements that reach past either side of the screen. */
  wide: string[];
  actionTop?: number;
  commandBottom?: number;
  firstTableTop?: number;
}

// Run in the page (a string: this project's TypeScript has no DOM types).
const MEASURE = `(() => {
  const wide = [...document.querySelectorAll('body *')]
    .filter((e) => { const box = e.getBoundingClientRect(); return box.width > 0 && (box.right > innerWidth + 0.5 || box.left < -0.5); })
    .map((e) => e.tagName + ' ' + (e.textContent || '').slice(0, 60));
  const action = [...document.querySelectorAll('b')].find((b) => /^(What to do|Nothing to do):$/.test(b.textContent || ''));
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth,
    wide,
    actionTop: action?.getBoundingClientRect().top,
    commandBottom: document.querySelector('.cmd')?.getBoundingClientRect().bottom,
    firstTableTop: document.querySelector('table.rec')?.getBoundingClientRect().top,
  };
})()`;

const emails = benchDigests().map(({ kind, sections, digest }) => ({
  kind,
  email: composeDigest(digest, sections, { timeZone: 'America/Chicago', host: 'sync01' }),
}));

describe.skipIf(chromiumMissing !== undefined)('digests in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const { kind, email } of emails) {
    it(`${kind}: under the size budget`, () => {
      expect(Buffer.byteLength(email.html, 'utf8')).toBeLessThan(MAX_HTML_BYTES);
    });

    for (const screen of SCREENS) {
      it(`${kind} at ${screen.width} px: nothing wider than the screen, what to do on the first screen`, async () => {
        const page = await browser.newPage({ viewport: screen, javaScriptEnabled: false });
        try {
          // Offline, as a mail client shows it: any request for something outside would fail the test.
          const requests: string[] = [];
          page.on('request', (request) => requests.push(request.url()));
          await page.setContent(email.html, { waitUntil: 'load' });
          const layout = (await page.evaluate(MEASURE)) as Layout;
          await page.screenshot({ path: join(ARTIFACTS, `${kind}-${screen.width}.png`) });
          writeFileSync(join(ARTIFACTS, `${kind}.html`), email.html);
          writeFileSync(join(ARTIFACTS, `${kind}.txt`), email.text);

          expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
          expect(layout.wide).toEqual([]);
          expect(layout.actionTop).toBeDefined();
          expect(layout.actionTop!).toBeLessThan(screen.height);
          if (layout.commandBottom !== undefined) expect(layout.commandBottom).toBeLessThan(screen.height);
          if (layout.firstTableTop !== undefined) expect(layout.actionTop!).toBeLessThan(layout.firstTableTop);
          expect(requests.filter((url) => !url.startsWith('about:') && !url.startsWith('data:'))).toEqual([]);
        } finally {
          await page.close();
        }
      }, 60_000);
    }
  }
});
