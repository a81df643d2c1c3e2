import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorsOf, prose } from '../helpers/markdown.js';

// README.md and docs/ link to each other by relative paths and heading anchors. A section
// renamed or moved to another page must not leave a link that leads nowhere.

const ROOT = resolve(import.meta.dirname, '../..');

function markdownFiles(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
  return ['README.md', 'CHANGELOG.md', ...docs].sort();
}

function brokenLinks(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const broken: string[] = [];
  for (const match of prose(text).matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = match[1] as string;
    if (/^[a-z]+:/.test(target)) continue;
    const [path = '', anchor] = target.split('#');
    const linked = path === '' ? join(ROOT, file) : resolve(dirname(join(ROOT, file)), path);
    if (!existsSync(linked)) {
      broken.push(`${target}: no such file`);
      continue;
    }
    if (anchor !== undefined && (statSync(linked).isDirectory() || !anchorsOf(readFileSync(linked, 'utf8')).has(anchor))) {
      broken.push(`${target}: no heading with that anchor`);
    }
  }
  return broken;
}

describe('links between README.md and docs/', () => {
  it('finds the pages', () => {
    expect(markdownFiles()).toEqual(expect.arrayContaining(['README.md', 'docs/operations.md', 'docs/reference/cli.md']));
  });

  for (const file of markdownFiles()) {
    it(`${file}: every relative link names a file and heading that exist`, () => {
      expect(brokenLinks(file)).toEqual([]);
    });
  }

  it('computes anchors as GitHub does', () => {
    const anchors = anchorsOf('## Rows files (`source.type: "file"`)\n## Node.js on the server\n#### `sis-sync once`\n## A\n## A\n');
    expect([...anchors]).toEqual(['rows-files-sourcetype-file', 'nodejs-on-the-server', 'sis-sync-once', 'a', 'a-1']);
  });

  it('the README indexes every page of docs/', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const page of markdownFiles().filter((file) => file.startsWith('docs/'))) expect(readme, page).toContain(`](${page})`);
  });
});
