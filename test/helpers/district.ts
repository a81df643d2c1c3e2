import type { EnrollStatus, Roster, RosterSchool, RosterSection, RosterStaff, RosterStudent } from '../../src/roster/roster.js';

// A generated district, the same for the same seed: four schools (one with an accented name,
// one with punctuation), hundreds of students with unicode and punctuation in their names,
// teachers at two schools, co-taught sections, homerooms, counsellors named by a student field,
// athletics teams (some students on two), an ELL flag, and people without SIS ids.

export interface DistrictOptions {
  seed?: number;
  students?: number;
}

export interface District {
  roster: Roster;
  /** SIS ids of the coaches, by team; the athletics table of the example rules. */
  coaches: Record<string, string>;
}

export const DISTRICT_SCHOOLS: readonly (RosterSchool & { grades: readonly number[] })[] = [
  { id: '100', name: 'Lincoln High School', abbreviation: 'LHS', grades: [9, 10, 11, 12] },
  { id: '200', name: 'Roosevelt Middle School', abbreviation: 'RMS', grades: [6, 7, 8] },
  { id: '300', name: 'École Saint-Exupéry Elementary', abbreviation: 'ESE', grades: [-1, 0, 1, 2, 3, 4, 5] },
  { id: '400', name: "O'Keefe & Daughters Academy", abbreviation: 'OKA', grades: [6, 7, 8, 9, 10, 11, 12] },
];

export const STUDENT_FIELDS = ['counselor', 'team', 'ell', 'advisory'] as const;
export const TEAMS = ['Football', 'Soccer', 'Track & Field', 'Volleyball'] as const;

const FIRST = [
  'Ana',
  'José',
  'Zoë',
  "D'Angelo",
  'Mary-Kate',
  'Łukasz',
  'Søren',
  'Aoife',
  '李',
  'Иван',
  'Chloé',
  'Renée',
  'François',
  'Siobhán',
  'Jürgen',
  'Ngozi',
  'Kai',
  'Amélie',
  'Nguyễn Văn',
  'Omar',
];
const LAST = [
  "O'Brien",
  'García Márquez',
  'Smith',
  'van der Berg',
  'Nguyễn',
  'Müller',
  'Østergaard',
  'Dubois-Lefèvre',
  'Ōtani',
  'McAllister',
  'Johnson',
  'Kowalczyk',
  'Ramírez',
  '  Doe   Jr. ',
  'Brown',
  'Al-Sayed',
];
const COURSES = [
  ['ALG1', 'Algebra I'],
  ['ENG9', 'English 9: Reading & Writing'],
  ['BIO', 'Biology'],
  ['HIST', 'U.S. History'],
  ['ART', 'Art, Design & Media'],
  ['MATH', 'Mathematics'],
] as const;
const TERMS = ['S1', 'S2', 'Y1'] as const;

/** mulberry32: a tiny seeded generator, so that a failing test can be replayed exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateDistrict(options: DistrictOptions = {}): District {
  const random = seededRandom(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const staff: RosterStaff[] = [];
  const teachersBySchool = new Map<string, RosterStaff[]>();
  const counsellorsBySchool = new Map<string, RosterStaff[]>();
  let staffKey = 1000;
  const addStaff = (person: Omit<RosterStaff, 'key' | 'email'> & { email?: string | null }): RosterStaff => {
    const key = String(staffKey++);
    const full: RosterStaff = { key, email: `staff${key}@district.example`, ...person };
    staff.push(full);
    return full;
  };

  for (const school of DISTRICT_SCHOOLS) {
    const teachers: RosterStaff[] = [];
    for (let n = 0; n < 6; n++) {
      teachers.push(
        addStaff({
          sisId: `T${school.id}${n}`,
          firstName: pick(FIRST),
          lastName: pick(LAST),
          schools: [{ schoolId: school.id, role: 'teacher', active: true }],
        }),
      );
    }
    teachersBySchool.set(school.id, teachers);
    const counsellors = [0, 1].map((n) =>
      addStaff({
        sisId: `C${school.id}${n}`,
        firstName: pick(FIRST),
        lastName: pick(LAST),
        schools: [{ schoolId: school.id, role: 'staff', active: true }],
      }),
    );
    counsellorsBySchool.set(school.id, counsellors);
    addStaff({
      sisId: `A${school.id}`,
      firstName: 'Principal',
      lastName: school.abbreviation,
      schools: [{ schoolId: school.id, role: 'staff', active: true }],
    });
  }
  // Teachers who also teach at a second school: one person, two school entries.
  for (const [from, to] of [
    ['100', '400'],
    ['200', '400'],
  ] as const) {
    const teacher = teachersBySchool.get(from)?.[0] as RosterStaff;
    teacher.schools.push({ schoolId: to, role: 'teacher', active: true });
    teachersBySchool.get(to)?.push(teacher);
  }
  // A teacher without a SIS id, who still has sections; a teacher who left Lincoln High.
  const noId = addStaff({
    sisId: null,
    firstName: 'Nola',
    lastName: 'Noid',
    schools: [{ schoolId: '100', role: 'teacher', active: true }],
  });
  teachersBySchool.get('100')?.push(noId);
  const departed = addStaff({
    sisId: 'T-GONE',
    firstName: 'Gone',
    lastName: 'Away',
    schools: [{ schoolId: '100', role: 'teacher', active: false }],
  });
  teachersBySchool.get('100')?.push(departed);
  const coaches: Record<string, string> = {};
  TEAMS.forEach((team, n) => {
    const coach = addStaff({
      sisId: `K${n + 1}`,
      firstName: 'Coach',
      lastName: pick(LAST),
      schools: [{ schoolId: '100', role: 'staff', active: true }],
    });
    coaches[team] = coach.sisId as string;
  });

  const students: RosterStudent[] = [];
  const count = options.students ?? 600;
  for (let n = 0; n < count; n++) {
    const school = DISTRICT_SCHOOLS[n % DISTRICT_SCHOOLS.length] as (typeof DISTRICT_SCHOOLS)[number];
    const key = String(50000 + n);
    const roll = random();
    const enrollStatus: EnrollStatus =
      roll < 0.88 ? 'active' : roll < 0.92 ? 'pre-registered' : roll < 0.96 ? 'inactive' : 'transferred-out';
    const grade = pick(school.grades);
    const secondary = grade >= 9;
    const teamRoll = random();
    const team = !secondary || teamRoll > 0.35 ? '' : teamRoll < 0.05 ? 'Football;Track & Field' : pick(TEAMS);
    const counsellor = random() < 0.93 ? (pick(counsellorsBySchool.get(school.id) ?? []).sisId ?? '') : '';
    students.push({
      key,
      // About 2% without the configured identity.
      sisId: random() < 0.02 ? null : String(100000 + n),
      firstName: pick(FIRST),
      lastName: pick(LAST),
      schoolId: school.id,
      grade,
      enrollStatus,
      fields: { counselor: counsellor, team, ell: random() < 0.1 ? 'Y' : '', advisory: `ADV-${school.abbreviation}-${1 + (n % 5)}` },
    });
  }

  const sections: RosterSection[] = [];
  let sectionKey = 7000;
  for (const school of DISTRICT_SCHOOLS) {
    const enrolled = students.filter((s) => s.schoolId === school.id);
    const teachers = teachersBySchool.get(school.id) ?? [];
    teachers.forEach((teacher, t) => {
      const homeroom = { courseNumber: 'HR', courseName: 'Homeroom' };
      const courses = [homeroom, ...[0, 1, 2].map(() => pick(COURSES)).map(([courseNumber, courseName]) => ({ courseNumber, courseName }))];
      courses.forEach((course, c) => {
        const coTeacher = c === 1 && t + 1 < teachers.length ? teachers[t + 1] : undefined;
        const roster = enrolled.filter(() => random() < 0.12).map((s) => s.key);
        sections.push({
          key: String(sectionKey++),
          schoolId: school.id,
          ...course,
          sectionNumber: String(c + 1),
          term: course.courseNumber === 'HR' ? 'Y1' : pick(TERMS),
          period: `${c + 1}(A)`,
          teacherKeys: coTeacher ? [teacher.key, coTeacher.key] : [teacher.key],
          studentKeys: roster,
        });
      });
    });
  }

  return {
    roster: {
      schools: DISTRICT_SCHOOLS.map(({ id, name, abbreviation }) => ({ id, name, abbreviation })),
      students,
      staff,
      sections,
      studentFields: [...STUDENT_FIELDS],
    },
    coaches,
  };
}

/** The same roster in another order, down to the order of keys and of enrolments. */
export function shuffledRoster(roster: Roster, seed: number): Roster {
  const random = seededRandom(seed);
  const shuffle = <T>(list: readonly T[]): T[] => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };
  const shuffleKeys = (record: Record<string, string>) => Object.fromEntries(shuffle(Object.entries(record)));
  return {
    schools: shuffle(roster.schools).map((s) => ({ ...s })),
    students: shuffle(roster.students).map((s) => ({ ...s, fields: shuffleKeys(s.fields) })),
    // A section's teacher order means something (lead first); enrolments do not.
    staff: shuffle(roster.staff).map((s) => ({ ...s, schools: shuffle(s.schools) })),
    sections: shuffle(roster.sections).map((s) => ({ ...s, studentKeys: shuffle(s.studentKeys) })),
    ...(roster.studentFields ? { studentFields: shuffle(roster.studentFields) } : {}),
  };
}
