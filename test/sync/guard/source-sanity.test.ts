import { describe, expect, it } from 'vitest';
import { guardLimits } from '../../helpers/guard.js';
import { checkSourceSanity } from '../../../src/sync/guard/source-sanity.js';
import type { SourceCensus } from '../../../src/desired/ports.js';

const LIMITS = guardLimits();

function census(overrides: Partial<SourceCensus> = {}): SourceCensus {
  return {
    datasets: { students: 300, staff: 30, sections: 50 },
    studentsBySchool: { 'Adams Elementary': 100, 'Baker High': 200 },
    withoutSisId: { students: 3, staff: 0 },
    ...overrides,
  };
}

describe('source sanity', () => {
  it('finds nothing on a first read or an ordinary one', () => {
    expect(checkSourceSanity(census(), undefined, LIMITS)).toEqual([]);
    expect(checkSourceSanity(census({ studentsBySchool: { 'Adams Elementary': 95, 'Baker High': 210 } }), census(), LIMITS)).toEqual([]);
  });

  it('calls no students at all a failure of the source', () => {
    const found = checkSourceSanity(census({ datasets: { students: 0, staff: 30, sections: 50 }, studentsBySchool: {} }), census(), LIMITS);
    expect(found.map((f) => [f.check, f.kind])).toEqual([['no-students', 'source']]);
  });

  it('finds a school that had students and has none, even when the district total is small', () => {
    const found = checkSourceSanity(census({ studentsBySchool: { 'Baker High': 290 } }), census(), LIMITS);
    expect(found.map((f) => f.message)).toEqual(['Adams Elementary had 100 active students last time and has none now']);
  });

  it('finds a missing dataset', () => {
    const found = checkSourceSanity(census({ datasets: { students: 300, staff: 30, sections: 0 } }), census(), LIMITS);
    expect(found.map((f) => [f.check, f.scope])).toEqual([['dataset-missing', 'sections']]);
  });

  it('finds a jump in people without SIS ids, not a small drift', () => {
    expect(checkSourceSanity(census({ withoutSisId: { students: 15, staff: 0 } }), census(), LIMITS)).toEqual([]);
    const found = checkSourceSanity(census({ withoutSisId: { students: 40, staff: 0 } }), census(), LIMITS);
    expect(found.map((f) => f.check)).toEqual(['missing-ids-jump']);
    expect(found[0]?.message).toMatch(/13\.3% of students have no SIS id now, 1% last time/);
  });
});
