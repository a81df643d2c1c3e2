import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { silentLogger } from '../../src/log/logger.js';
import { createRosterMapper } from '../../src/mapping/mapper.js';
import { generateDistrict, TEAMS } from '../helpers/district.js';
import { membersOf, namesOf } from '../helpers/mapping.js';

// The rules shipped in config/example.json give the dashboards a district expects.

describe('the example rules', () => {
  it('make grade-level, teacher, caseload, ELL and athletics dashboards on a generated district', async () => {
    const settings = loadConfig({ file: new URL('../../config/example.json', import.meta.url).pathname, env: {} }).settings;
    const { roster, coaches } = generateDistrict({ seed: 1 });
    const result = await createRosterMapper(settings, silentLogger())(roster);
    const names = namesOf(result);
    expect(names).toContain('Lincoln High School – Grade 9');
    expect(names).toContain('École Saint-Exupéry Elementary – Grade K');
    expect(names).toContain('École Saint-Exupéry Elementary – Grade Pre-K');
    expect(names).toContain('ELL Programme');
    for (const team of TEAMS) expect(names).toContain(`Athletics – ${team}`);
    expect(membersOf(result, 'viewer', 'Athletics – Football')).toEqual([coaches.Football]);
    expect(names.filter((n) => n.startsWith('Caseload – '))).toHaveLength(8);
    // Teacher dashboards leave homeroom out: a teacher with only homerooms has none.
    const teacherDashboards = names.filter((n) => n.endsWith('– Students'));
    expect(teacherDashboards.length).toBeGreaterThan(20);
    for (const name of teacherDashboards) {
      const viewers = membersOf(result, 'viewer', name);
      expect(viewers.length, name).toBeGreaterThan(0);
      expect(
        viewers.every((id) => id.startsWith('T')),
        name,
      ).toBe(true);
    }
    expect(result.stats.studentsSkippedNoSisId).toBeGreaterThan(0);
  });
});
