import { fullName, type RosterStaff } from '../roster/roster.js';
import { compareStrings } from '../sync/model.js';
import { personKey, type PersonInfo } from '../sync/ports.js';
import { preview } from './preview.js';
import { schoolOf, type RosterIndex } from './roster-index.js';

// Who a SIS id is, so that plans and digests can say "Ana López (S1001), Lincoln High" rather
// than an id. Every person of the roster with a SIS id, on a dashboard or not: a removed member
// is usually someone still in the roster (moved school, now inactive).

export function peopleOf(index: RosterIndex): Map<string, PersonInfo> {
  const people = new Map<string, PersonInfo>();
  for (const student of index.students) {
    if (!student.sisId) continue;
    const key = personKey('student', student.sisId);
    if (!people.has(key)) people.set(key, { name: displayName(student), school: schoolOf(index, student.schoolId).name });
  }
  for (const staff of index.staff) {
    if (!staff.sisId) continue;
    const key = personKey('viewer', staff.sisId);
    if (!people.has(key)) people.set(key, { name: displayName(staff), school: staffSchools(index, staff) });
  }
  return people;
}

/** "Doe   Jr. " from a SIS reads "Doe Jr." in a plan or an e-mail. */
function displayName(person: { firstName: string; lastName: string }): string {
  return fullName(person).replace(/\s+/g, ' ');
}

/** The schools a staff member is active at (all they are listed at, if none), by name. */
function staffSchools(index: RosterIndex, staff: RosterStaff): string {
  const active = staff.schools.filter((entry) => entry.active);
  const entries = active.length > 0 ? active : staff.schools;
  return [...new Set(entries.map((entry) => schoolOf(index, entry.schoolId).name))].sort(compareStrings).join(', ');
}

/** Two people sharing one SIS id become one member: a sign that the identity setting is wrong. */
export function duplicateIdWarnings(index: RosterIndex): string[] {
  const warnings: string[] = [];
  for (const [what, people] of [
    ['students', index.students],
    ['staff members', index.staff],
  ] as const) {
    const byId = new Map<string, string[]>();
    for (const person of people) {
      if (!person.sisId) continue;
      const list = byId.get(person.sisId) ?? [];
      list.push(`${fullName(person)} (key ${person.key})`);
      byId.set(person.sisId, list);
    }
    const shared = [...byId.entries()].filter(([, list]) => list.length > 1).map(([id, list]) => `${id}: ${list.join(', ')}`);
    if (shared.length > 0) {
      warnings.push(
        `${shared.length} SIS id(s) are shared by more than one of the roster's ${what}, who count as one member: ${preview(shared)}`,
      );
    }
  }
  return warnings;
}
