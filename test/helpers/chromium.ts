import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

// The real headless Chromium that the tests of what a person looks at open pages in: where it
// is, why those tests skip on a machine without it, and how it is launched (no sandbox inside a
// container, nothing that reaches out to the network on its own).

export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser tests are skipped here; undefined where Chromium is installed. */
export const chromiumMissing = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is not installed (apt-get install chromium)`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
