import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorsOf } from '../helpers/markdown.js';

// Messages and comments send the reader to a page of docs/, sometimes to a section by name
// ('See "Backup and upgrade" in docs/operations.md'). Each page must exist and hold that section,
// and nothing may still send the reader to README.md, which no longer holds the details.

const ROOT = resolve(import.meta.dirname, '../..');

function files(): string[] {
  const under = (dir: string, ext: RegExp) =>
    readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && ext.test(entry.name))
      .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
  return [...under('src', /\.ts$/), ...under('config', /\.json$/), 'deploy/systemd/sis-sync.service', 'deploy/install.sh'];
}

describe('pointers from the code to docs/', () => {
  it('every docs/ page a message or comment names exists, with the section it names', () => {
    const problems: string[] = [];
    let pointers = 0;
    for (const file of files()) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const m of text.matchAll(/docs\/[\w/-]+\.md/g)) {
        pointers += 1;
        let page: string;
        try {
          page = readFileSync(join(ROOT, m[0]), 'utf8');
        } catch {
          problems.push(`${file}: ${m[0]} does not exist`);
          continue;
        }
        const named = new RegExp(`"([^"]+)" in ${m[0].replaceAll('/', '\\/').replace('.', '\\.')}`).exec(
          text.slice(Math.max(0, m.index - 80), m.index + m[0].length),
        );
        const anchor = named?.[1]
          ?.toLowerCase()
          .replace(/[^\p{L}\p{N}_\- ]/gu, '')
          .replaceAll(' ', '-');
        if (anchor && !anchorsOf(page).has(anchor)) problems.push(`${file}: ${m[0]} has no section "${named?.[1]}"`);
      }
    }
    expect(problems).toEqual([]);
    expect(pointers).toBeGreaterThan(8);
  });

  it('no message or comment sends the reader to README.md for details', () => {
    // install.sh lists README.md among the files it installs; that is no pointer.
    const stale = files().filter((file) => file !== 'deploy/install.sh' && /README/.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(stale).toEqual([]);
  });
});
