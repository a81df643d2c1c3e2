import { readFileSync } from 'node:fs';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { createRosterMapper } from '../../src/mapping/mapper.js';
import { batchRows, packBatches } from '../../src/sync/batch.js';
import { computePlan } from '../../src/sync/plan.js';
import { generateDistrict, shuffledRoster } from '../helpers/district.js';
import { mappingSettings, serialise } from '../helpers/mapping.js';

// The same roster and config give the same dashboards, rows, warnings and bytes, whatever the
// order the source returned people, sections, enrolments and fields in.

const example = JSON5.parse(readFileSync(new URL('../../config/example.json', import.meta.url), 'utf8')) as {
  mapping: Record<string, unknown>;
};

describe('determinism', () => {
  it('gives byte-identical results and upload rows for shuffled copies of a district', async () => {
    const { roster } = generateDistrict({ seed: 42, students: 400 });
    const mapper = createRosterMapper(mappingSettings(example.mapping), silentLogger());
    const first = await mapper(roster);
    const rowsOf = (result: typeof first) =>
      JSON.stringify(
        packBatches(computePlan(result.desired, new Map()).changes, { maxRowsPerUpload: 500, maxDashboardsPerUpload: 10 }).map((batch) =>
          batchRows(batch, 'placeholder'),
        ),
      );
    expect(first.desired.size).toBeGreaterThan(40);
    for (const seed of [1, 2, 3]) {
      const again = await mapper(shuffledRoster(roster, seed));
      expect(serialise(again)).toBe(serialise(first));
      expect(rowsOf(again)).toBe(rowsOf(first));
      expect(JSON.stringify(again.provenance?.explain('Athletics – Football'))).toBe(
        JSON.stringify(first.provenance?.explain('Athletics – Football')),
      );
    }
  });

  it('gives the same warnings in the same order when the district has problems', async () => {
    const { roster } = generateDistrict({ seed: 8, students: 300 });
    const rules = [
      ...(example.mapping.rules as unknown[]),
      { name: 'Surnames', kind: 'teacher', nameTemplate: '{teacher.lastName}', sections: { terms: ['S1', '1999'] } },
    ];
    const mapper = createRosterMapper(mappingSettings({ ...example.mapping, rules }), silentLogger());
    const first = await mapper(roster);
    expect(first.warnings.length).toBeGreaterThan(2);
    const again = await mapper(shuffledRoster(roster, 99));
    expect(again.warnings).toEqual(first.warnings);
  });
});
