import { describe, expect, it } from 'vitest';
import { sourceSchema } from '../../src/config/sections/source.js';
import { SOURCES, sourceModuleFor } from '../../src/sources/registry.js';
import type { SourceType } from '../../src/sources/source-module.js';

// The registry and the setting that picks a source name the same sources: a source added to
// one and not the other would be refused by the settings, or built by nothing.

describe('the source registry', () => {
  it('lists each source.type the settings accept, once', () => {
    const types = SOURCES.map((source) => source.type);
    expect(new Set(types).size).toBe(types.length);
    expect([...types].sort()).toEqual([...(sourceSchema.source.type.format as string[])].sort());
  });

  it('refuses a type it does not list, naming source.type', () => {
    expect(() => sourceModuleFor('ftp' as SourceType)).toThrow(/source\.type "ftp" is not a source sis-sync knows/);
  });
});
