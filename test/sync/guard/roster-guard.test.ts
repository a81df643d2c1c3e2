import { afterEach, describe, expect, it } from 'vitest';
import { createSyncRunner } from '../../../src/app/wiring.js';
import type { Roster } from '../../../src/roster/roster.js';
import { RosterMembershipSource } from '../../../src/sources/roster-source.js';
import { DesiredBuilder } from '../../../src/desired/desired-builder.js';
import { personKey, type PersonInfo, type RosterMapper } from '../../../src/desired/ports.js';
import { createHarness, type Harness } from '../../helpers/harness.js';

// The guard's roster checks end to end: census and people from a roster source, kept in state,
// compared on the next run. A tiny in-test mapper stands in for the mapping rules.

let h: Harness;
afterEach(async () => {
  await h?.close();
});

function roster(counts: Record<string, number>): Roster {
  const schools = Object.keys(counts).map((name, i) => ({ id: String(i + 1), name, abbreviation: name.slice(0, 3) }));
  const students = schools.flatMap((school) =>
    Array.from({ length: counts[school.name]! }, (_, i) => ({
      key: `${school.id}-${i}`,
      sisId: `${school.abbreviation}${i}`,
      firstName: 'Kid',
      lastName: String(i),
      schoolId: school.id,
      grade: 9,
      enrollStatus: 'active' as const,
      fields: {},
    })),
  );
  return { schools, students, staff: [], sections: [] };
}

/** One dashboard per school with all its students. */
const mapper: RosterMapper = (r) => {
  const builder = new DesiredBuilder();
  const people = new Map<string, PersonInfo>();
  for (const school of r.schools) builder.dashboard('student', '', `${school.name} students`, 'student_sis_id');
  for (const s of r.students) {
    const school = r.schools.find((x) => x.id === s.schoolId)!.name;
    builder.add('student', '', `${school} students`, 'student_sis_id', s.sisId!);
    people.set(personKey('student', s.sisId!), { name: `${s.firstName} ${s.lastName}`, school });
  }
  return { desired: builder.build(), dataTypes: ['student'], warnings: [], stats: {}, people };
};

async function runWith(r: Roster, controls = {}) {
  const source = new RosterMembershipSource({ description: 'test roster', read: async () => r }, mapper);
  const runner = createSyncRunner(h.settings, h.store, h.captured.log, undefined, source);
  try {
    return await runner.run('test', undefined, controls);
  } finally {
    await runner.close();
  }
}

describe('guard with a roster source', () => {
  const all = Array.from({ length: 30 }, (_, i) => `Ada${i}`).concat(Array.from({ length: 400 }, (_, i) => `Bak${i}`));

  it('holds when a school that had students has none, though the district barely changes', async () => {
    h = await createHarness({ students: all });
    expect((await runWith(roster({ Adams: 30, Baker: 400 }))).outcome).toBe('success');
    const report = await runWith(roster({ Baker: 400 }));
    expect(report.outcome).toBe('held');
    expect(report.guard?.findings.map((f) => f.check)).toContain('school-emptied');
    expect(report.guard?.findings.find((f) => f.check === 'school-emptied')?.message).toBe(
      'Adams had 30 active students last time and has none now',
    );
    expect(h.sim.model.memberIds('', 'Adams students', 'student')).toHaveLength(30);
  });

  it('holds when one school loses most of its students, counted by school even for people gone from the roster', async () => {
    h = await createHarness({ students: all });
    await runWith(roster({ Adams: 30, Baker: 400 }));
    const report = await runWith(roster({ Adams: 10, Baker: 400 }), {});
    expect(report.outcome).toBe('held');
    expect(report.guard?.findings.map((f) => [f.check, f.scope])).toEqual(expect.arrayContaining([['school-removals', 'Adams']]));
    expect(report.guard?.findings.find((f) => f.check === 'school-removals')?.message).toMatch(
      /Adams would lose 20 of its 30 memberships \(66\.7%\)/,
    );
  });

  it('keeps the baseline of a held read: the next run is held the same way', async () => {
    h = await createHarness({ students: all });
    await runWith(roster({ Adams: 30, Baker: 400 }));
    await runWith(roster({ Baker: 400 }));
    const again = await runWith(roster({ Baker: 400 }));
    expect(again.outcome).toBe('held');
    expect(again.guard?.repeat).toBe(true);
    const recovered = await runWith(roster({ Adams: 30, Baker: 400 }));
    expect(recovered.outcome).toBe('success');
    expect(recovered.guard?.releasedHolds).toEqual([2]);
    expect(h.store.holds.get(2)).toMatchObject({ resolution: 'recovered' });
  });
});
