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
  const name = fullName(person);
  // Most names need no change; testing first spares a new string for each of them.
  return ODD_SPACE.test(name) ? name.replace(/\s+/g, ' ') : name;
}

/** Two spaces in a row, or a space other than " " (tab, newline, no-break space ...). */
const ODD_SPACE = /\s\s|[^\S ]/;

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
    // Ids are counted first and people named only for the ids that are shared: naming all of a
    // district's people would build tens of thousands of strings for a handful of warnings.
    const counts = new Map<string, number>();
    let anyShared = false;
    for (const person of people) {
      if (!person.sisId) continue;
      const count = (counts.get(person.sisId) ?? 0) + 1;
      counts.set(person.sisId, count);
      if (count > 1) anyShared = true;
    }
    if (!anyShared) continue;
    const byId = new Map<string, string[]>();
    for (const person of people) {
      if (!person.sisId || (counts.get(person.sisId) ?? 0) < 2) continue;
      const list = byId.get(person.sisId) ?? [];
      list.push(`${fullName(person)} (key ${person.key})`);
      byId.set(person.sisId, list);
    }
    const shared = [...byId.entries()].map(([id, list]) => `${id}: ${list.join(', ')}`);
    warnings.push(
      `${shared.length} SIS id(s) are shared by more than one of the roster's ${what}, who count as one member: ${preview(shared)}`,
    );
  }
  return warnings;
}
