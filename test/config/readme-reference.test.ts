import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configReferenceMarkdown } from '../../src/config/reference.js';

describe('README configuration reference', () => {
  it('matches the schema (run `npm run docs:config` after changing a setting)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(configReferenceMarkdown());
  });
});
