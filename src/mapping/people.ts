import { fullName, type RosterStaff, type RosterStudent } from '../roster/roster.js';
import { compareStrings } from '../desired/model.js';
import { personKey, type PeopleDirectory, type PersonInfo } from '../desired/ports.js';
import { preview } from './preview.js';
import { schoolOf, type RosterIndex } from './roster-index.js';

// Who a SIS id is, so that plans and digests can say "Ana López (S1001), Lincoln High" rather
// than an id. Every person of the roster with a SIS id, on a dashboard or not: a removed member
// is usually someone still in the roster (moved school, now inactive).

export function peopleOf(index: RosterIndex): PeopleDirectory {
  return new RosterPeople(index);
}

/**
 * A plan or digest names a few hundred people; a district has tens of thousands. So nobody is
 * described until asked for, and the id lookups are built on the first question, not with the run.
 */
class RosterPeople implements PeopleDirectory {
  private students: Map<string, RosterStudent> | undefined;
  private staff: Map<string, RosterStaff> | undefined;

  constructor(private readonly index: RosterIndex) {}

  get(key: string): PersonInfo | undefined {
    const colon = key.indexOf(':');
    const dataType = key.slice(0, colon);
    const id = key.slice(colon + 1);
    if (dataType === 'student') {
      const student = (this.students ??= firstBySisId(this.index.students)).get(id);
      return student && this.describeStudent(student);
    }
    if (dataType === 'viewer') {
      const staff = (this.staff ??= firstBySisId(this.index.staff)).get(id);
      return staff && this.describeStaff(staff);
    }
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  *entries(): IterableIterator<[string, PersonInfo]> {
    for (const [id, student] of (this.students ??= firstBySisId(this.index.students)))
      yield [personKey('student', id), this.describeStudent(student)];
    for (const [id, staff] of (this.staff ??= firstBySisId(this.index.staff))) yield [personKey('viewer', id), this.describeStaff(staff)];
  }

  private describeStudent(student: RosterStudent): PersonInfo {
    return { name: displayName(student), school: schoolOf(this.index, student.schoolId).name };
  }

  private describeStaff(staff: RosterStaff): PersonInfo {
    return { name: displayName(staff), school: staffSchools(this.index, staff) };
  }
}

function firstBySisId<T extends { sisId: string | null }>(people: readonly T[]): Map<string, T> {
  const bySisId = new Map<string, T>();
  for (const person of people) if (person.sisId && !bySisId.has(person.sisId)) bySisId.set(person.sisId, person);
  return bySisId;
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
    const seen = new Set<string>();
    const sharedIds = new Set<string>();
    for (const person of people) {
      if (!person.sisId) continue;
      if (seen.has(person.sisId)) sharedIds.add(person.sisId);
      else seen.add(person.sisId);
    }
    if (sharedIds.size === 0) continue;
    const byId = new Map<string, string[]>();
    for (const person of people) {
      if (!person.sisId || !sharedIds.has(person.sisId)) continue;
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
