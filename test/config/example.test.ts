import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';

describe('config/example.json', () => {
  it('loads and validates as shipped', () => {
    const loaded = loadConfig({ file: new URL('../../config/example.json', import.meta.url).pathname, env: {} });
    expect(loaded.settings.aspiredu.url).toBe('https://yourdistrict.aspiredu.com');
    expect(loaded.settings.source.files.students).toMatch(/\/config\/students\.csv$/);
    expect(loaded.warnings).toEqual([]);
  });
});
