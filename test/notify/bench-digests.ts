import type { DataType } from '../../src/desired/data-types.js';
import type { HeldDashboard, HeldReason, HeldRun } from '../../src/notify/held-run.js';
import type { ChangedDashboard, Digest, MissingPerson, SectionName } from '../../src/notify/news.js';
import { SCALE_DISTRICT } from '../../bench/fixture.js';
import { ATHLETICS_TEAMS } from '../../src/sim/powerschool/district-values.js';
import { seededRandom, type Random } from '../../src/sim/powerschool/random.js';
import { COURSES, FIRST_NAMES, LAST_NAMES, PLACE_NAMES, SCHOOL_KINDS } from '../../src/sim/powerschool/sample-data.js';

// Digests as the bench district would fill them: 57,000 students in 60 schools, 2,850 teachers,
// and the dashboards the demo's rules make of them (grade levels, teachers, caseloads,
// athletics) plus one per section, about 20,000 in all. Names come from the PowerSchool
// simulator's sample data, with its accents, apostrophes, ampersands and the commas of
// "Last, First" teacher dashboards; the same seed always gives the same digests. Each digest is
// as large as a bad night makes it, to test the size budget and the layout at that scale.

export const AT = '2026-11-23T13:05:00.000Z';

interface BenchDistrict {
  schools: string[];
  dashboards: Array<{ name: string; dataTypes: DataType[]; school: string }>;
  person(i: number): { id: string; name: string; school: string };
}

export function benchDistrict(seed = SCALE_DISTRICT.seed ?? 2024): BenchDistrict {
  const random = seededRandom(seed);
  const schoolCount = SCALE_DISTRICT.schools ?? 60;
  const schools = Array.from({ length: schoolCount }, (_, s) => {
    const round = Math.floor(s / PLACE_NAMES.length);
    return `${PLACE_NAMES[s % PLACE_NAMES.length]}${round ? ` ${round + 1}` : ''} ${SCHOOL_KINDS[s % SCHOOL_KINDS.length]!.suffix}`;
  });
  const dashboards: BenchDistrict['dashboards'] = [];
  schools.forEach((school, s) => {
    const kind = SCHOOL_KINDS[s % SCHOOL_KINDS.length]!;
    for (let g = kind.low; g <= kind.high; g++)
      dashboards.push({ name: `${school} – Grade ${g === 0 ? 'K' : g}`, dataTypes: ['student', 'viewer'], school });
    dashboards.push({ name: `Caseload – ${name(random)}`, dataTypes: ['student', 'viewer'], school });
  });
  for (const team of ATHLETICS_TEAMS)
    dashboards.push({ name: `Athletics – ${team}`, dataTypes: ['student', 'viewer'], school: schools[2]! });
  for (let t = 0; t < (SCALE_DISTRICT.teachers ?? 2850); t++) {
    const school = schools[t % schools.length]!;
    const teacher = `${random.pick(LAST_NAMES)}, ${random.pick(FIRST_NAMES)}`;
    dashboards.push({ name: `${teacher} – Students`, dataTypes: ['student'], school });
    for (let p = 1; p <= (SCALE_DISTRICT.sectionsPerTeacher ?? 5); p++) {
      const [, course] = random.pick(COURSES);
      dashboards.push({ name: `${course} ${random.int(1, 12)} – Period ${p} – ${teacher}`, dataTypes: ['student'], school });
    }
  }
  const people = seededRandom(seed + 1);
  const names = Array.from({ length: 997 }, () => name(people));
  return {
    schools,
    dashboards,
    person: (i) => ({ id: String(100_000 + i), name: names[i % names.length]!, school: schools[i % schools.length]! }),
  };
}

function name(random: Random): string {
  return `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
}

/** Every kind of digest, filled from the bench district: the kind, the sections its email holds, the digest. */
export function benchDigests(): Array<{ kind: string; sections: SectionName[]; digest: Digest }> {
  const district = benchDistrict();
  const base = { district: 'Apple Grove Unified School District', runId: 1042, at: AT } as const;
  return [
    { kind: 'changes', sections: ['changes'], digest: { ...base, outcome: 'done', changes: changes(district) } },
    { kind: 'missing', sections: ['missingUsers'], digest: { ...base, outcome: 'done', missingUsers: missing(district) } },
    { kind: 'held', sections: ['held'], digest: { ...base, outcome: 'held', held: held(district) } },
    { kind: 'errors', sections: ['errors'], digest: { ...base, outcome: 'failed', errors: errors(district) } },
    { kind: 'drift', sections: ['drift'], digest: { ...base, runId: undefined, outcome: 'drift', drift: drift(district) } },
    {
      kind: 'heartbeat',
      sections: ['heartbeat'],
      digest: {
        ...base,
        outcome: 'done',
        heartbeat: {
          since: '2026-11-16T13:05:00.000Z',
          runs: 168,
          dashboards: district.dashboards.length,
          memberships: 412_733,
          stillMissing: 37,
        },
      },
    },
    {
      kind: 'combined',
      sections: ['errors', 'missingUsers', 'changes'],
      digest: { ...base, outcome: 'failed', errors: errors(district), missingUsers: missing(district), changes: changes(district) },
    },
  ];
}

/** The first run on the district: every dashboard created or changed, students and viewers. */
function changes(district: BenchDistrict): NonNullable<Digest['changes']> {
  const random = seededRandom(11);
  const dashboards: ChangedDashboard[] = district.dashboards.flatMap((d, i) =>
    d.dataTypes.map((dataType): ChangedDashboard => {
      const after = dataType === 'viewer' ? random.int(1, 6) : random.int(12, 420);
      if (i % 7 === 0) return { dataType, account: '', name: d.name, action: 'create', added: after, removed: 0, allyChanged: 0, after };
      if (i % 53 === 0) return { dataType, account: '', name: d.name, action: 'empty', added: 0, removed: after, allyChanged: 0, after: 0 };
      if (i % 97 === 0) return { dataType, account: '', name: d.name, action: 'resumed' };
      return {
        dataType,
        account: '',
        name: d.name,
        action: 'update',
        added: random.int(0, 9),
        removed: random.int(0, 9),
        allyChanged: 0,
        after,
      };
    }),
  );
  return {
    dashboards,
    added: dashboards.reduce((sum, d) => sum + (d.added ?? 0), 0),
    removed: dashboards.reduce((sum, d) => sum + (d.removed ?? 0), 0),
  };
}

function missing(district: BenchDistrict): NonNullable<Digest['missingUsers']> {
  const person = (i: number, firstSeenAt: string): MissingPerson => {
    const p = district.person(i);
    const dashboards = Array.from({ length: 6 }, (_, k) => district.dashboards[(i * 7 + k * 131) % district.dashboards.length]!.name);
    return { dataType: 'student', account: '', userId: p.id, name: p.name, school: p.school, dashboards, firstSeenAt };
  };
  return {
    fresh: Array.from({ length: 2_000 }, (_, i) => person(i, AT)),
    still: Array.from({ length: 3_000 }, (_, i) => person(2_000 + i, '2026-11-02T13:05:00.000Z')),
    noLongerMissing: Array.from({ length: 500 }, (_, i) => ({
      ...person(5_000 + i, '2026-11-01T13:05:00.000Z'),
      resolution: 'found' as const,
    })),
  };
}

/** A bad export: 25 schools came back without students, so the plan empties their dashboards. */
function held(district: BenchDistrict): NonNullable<Digest['held']> {
  const emptied = district.schools.slice(0, 25);
  const reasons: HeldReason[] = [
    {
      kind: 'threshold',
      check: 'removals',
      scope: 'run',
      message: '61,318 memberships would be removed; the limit is 500 (guard.maxRemovals)',
    },
    {
      kind: 'threshold',
      check: 'removal-share',
      scope: 'run',
      message: '61,318 of 412,733 managed memberships (14.9%) would be removed; the limit is 10% (guard.maxRemovalShare)',
    },
    ...emptied.map((school, s) => ({
      kind: 'source',
      check: 'school-emptied',
      scope: school,
      message: `${school} had ${(900 + s * 13).toLocaleString('en-US')} active students last time and has none now`,
    })),
  ];
  const dashboards: HeldDashboard[] = district.dashboards
    .filter((d) => emptied.includes(d.school))
    .map((d, i) => {
      const before = 20 + (i % 40);
      return {
        dataType: 'student',
        account: '',
        name: d.name,
        before,
        after: 0,
        losing: Array.from({ length: before }, (_, k) => {
          const p = district.person(i * 41 + k);
          return { id: p.id, name: p.name, school: d.school };
        }),
      };
    });
  const run: HeldRun = { runId: 1042, reasons, dashboards };
  return { run, since: AT, runs: 1, lifted: false };
}

function errors(district: BenchDistrict): NonNullable<Digest['errors']> {
  const names = district.dashboards.map((d) => `${d.name} (students)`);
  return {
    started: Array.from({ length: 30 }, (_, i) => ({
      title: `AspirEDU rejected the upload of ${names.length.toLocaleString('en-US')} dashboards; they keep their previous members and are sent again with the next run.`,
      detail: `AspirEDU said: No mappings found for ${i + 1} rows`,
      dashboards: names,
      since: AT,
      runs: 1,
    })),
    ongoing: Array.from({ length: 10 }, (_, i) => ({
      title: `sis-sync could not read the student information in full (${i + 1}), so it uploaded nothing.`,
      hint: 'Check the PowerSchool plugin and the network between this server and PowerSchool.',
      since: '2026-11-20T08:00:00.000Z',
      runs: 9,
    })),
    recovered: [{ title: 'sis-sync could not work with AspirEDU', since: '2026-11-19T08:00:00.000Z', runs: 2 }],
  };
}

function drift(district: BenchDistrict): NonNullable<Digest['drift']> {
  return {
    drifted: district.dashboards.slice(0, 5_000).map((d, i) => ({
      dataType: 'student',
      account: '',
      name: d.name,
      addedInWeb: i % 5,
      removedInWeb: i % 3,
      allyChangedInWeb: i % 2,
      missing: i % 101 === 0,
    })),
    unmanaged: district.dashboards.slice(5_000, 7_000).map((d) => `${d.name} (old)`),
    reconciling: false,
  };
}
