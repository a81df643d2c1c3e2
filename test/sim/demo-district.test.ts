import { describe, expect, it } from 'vitest';
import { DEMO_CONFIG } from '../../src/sim/demo-paths.js';
import { loadConfig } from '../../src/config/load.js';
import { demoAspirEduUsers, demoPeople } from '../../src/sim/demo-district.js';

// config/demo/sis-sync.json names people of the generated demo district (coaches, the ELL
// coordinator); generation must keep giving them those numbers.

describe('the demo district', () => {
  it('has the coaches and ELL coordinator the demo rules name', () => {
    const { facts } = demoPeople();
    const rules = loadConfig({ file: DEMO_CONFIG, env: {} }).settings.mapping.rules as Array<{
      name: string;
      viewers?: Array<Record<string, unknown>>;
    }>;
    const athletics = rules.find((r) => r.name === 'Athletics')?.viewers?.[0]?.table as Record<string, string[]>;
    expect(Object.fromEntries(Object.entries(athletics).map(([team, ids]) => [team, ids[0]]))).toEqual(facts.coaches);
    expect(rules.find((r) => r.name === 'ELL programme')?.viewers?.[0]?.sisIds).toEqual([facts.ellCoordinator]);
  });

  it('is the same in every process, and AspirEDU is kept from knowing a few active students', () => {
    const one = demoPeople();
    const two = demoPeople();
    expect(two.students).toEqual(one.students);
    expect(one.unknownStudents).toHaveLength(2);
    const known = new Set(demoAspirEduUsers(one).students.map((s) => s.sisId));
    expect(one.unknownStudents.some((id) => known.has(id))).toBe(false);
    expect(known.size).toBe(one.students.length - 2);
  });
});
