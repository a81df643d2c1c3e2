import type { Roster, RosterSchool, RosterSection, RosterStaff, RosterStudent } from '../../src/roster/roster.js';

// Small rosters for targeted tests: each builder fills what a test does not care about.

export function aSchool(id = '100', name = 'Lincoln High School', abbreviation = 'LHS'): RosterSchool {
  return { id, name, abbreviation };
}

export function aStudent(overrides: Partial<RosterStudent> & { key: string }): RosterStudent {
  return {
    sisId: `S${overrides.key}`,
    firstName: 'Sam',
    lastName: `Student${overrides.key}`,
    schoolId: '100',
    grade: 9,
    enrollStatus: 'active',
    fields: {},
    ...overrides,
  };
}

export function aStaff(overrides: Partial<RosterStaff> & { key: string }): RosterStaff {
  return {
    sisId: `T${overrides.key}`,
    firstName: 'Terry',
    lastName: `Teacher${overrides.key}`,
    email: `t${overrides.key}@district.example`,
    schools: [{ schoolId: '100', role: 'teacher', active: true }],
    ...overrides,
  };
}

export function aSection(overrides: Partial<RosterSection> & { key: string }): RosterSection {
  return {
    schoolId: '100',
    courseNumber: 'ALG1',
    courseName: 'Algebra I',
    sectionNumber: overrides.key,
    term: 'S1',
    period: '1(A)',
    teacherKeys: [],
    studentKeys: [],
    ...overrides,
  };
}

export function aRoster(parts: Partial<Roster> = {}): Roster {
  return { schools: [aSchool()], students: [], staff: [], sections: [], ...parts };
}
