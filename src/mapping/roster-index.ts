import type { Roster, RosterSchool, RosterSection, RosterStaff, RosterStudent } from '../roster/roster.js';
import { compareStrings } from '../desired/model.js';

// The roster sorted and indexed once per run. Everything the rules do walks these sorted lists,
// so that the same roster in any order gives the same dashboards, warnings and bytes.

export interface StaffAtSchool {
  staff: RosterStaff;
  role: string;
}

export interface RosterIndex {
  roster: Roster;
  schools: ReadonlyMap<string, RosterSchool>;
  students: readonly RosterStudent[];
  staff: readonly RosterStaff[];
  staffByKey: ReadonlyMap<string, RosterStaff>;
  staffBySisId: ReadonlyMap<string, readonly RosterStaff[]>;
  /** Lower-cased e-mail address → staff. */
  staffByEmail: ReadonlyMap<string, readonly RosterStaff[]>;
  /** "first last" and "last, first", lower-cased, spaces collapsed → staff. */
  staffByName: ReadonlyMap<string, readonly RosterStaff[]>;
  /** Active staff per school, sorted by key. */
  activeStaffBySchool: ReadonlyMap<string, readonly StaffAtSchool[]>;
  sections: readonly RosterSection[];
  studentFields: ReadonlySet<string>;
}

export function indexRoster(roster: Roster): RosterIndex {
  const byKey = <T extends { key: string }>(a: T, b: T) =>
    compareStrings(a.key, b.key) || compareStrings(JSON.stringify(a), JSON.stringify(b));
  const students = [...roster.students].sort(byKey);
  const staff = [...roster.staff].sort(byKey);
  const sections = [...roster.sections].sort(byKey);
  const schools = new Map([...roster.schools].sort((a, b) => compareStrings(a.id, b.id)).map((school) => [school.id, school]));
  const staffBySisId = new Map<string, RosterStaff[]>();
  const staffByEmail = new Map<string, RosterStaff[]>();
  const staffByName = new Map<string, RosterStaff[]>();
  const activeStaffBySchool = new Map<string, StaffAtSchool[]>();
  for (const person of staff) {
    if (person.sisId) push(staffBySisId, person.sisId, person);
    if (person.email) push(staffByEmail, person.email.trim().toLowerCase(), person);
    for (const name of nameKeys(person)) push(staffByName, name, person);
    for (const entry of person.schools) if (entry.active) push(activeStaffBySchool, entry.schoolId, { staff: person, role: entry.role });
  }
  const studentFields = new Set(roster.studentFields ?? students.flatMap((student) => Object.keys(student.fields)));
  return {
    roster,
    schools,
    students,
    staff,
    staffByKey: firstByKey(staff),
    staffBySisId,
    staffByEmail,
    staffByName,
    activeStaffBySchool,
    sections,
    studentFields,
  };
}

/** How a person's name is compared with a student field that holds it: case and spacing do not matter. */
export function nameKey(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

function nameKeys(person: RosterStaff): string[] {
  const first = person.firstName.trim();
  const last = person.lastName.trim();
  if (!first && !last) return [];
  return [...new Set([nameKey(`${first} ${last}`), nameKey(`${last}, ${first}`)])];
}

/** A staff member with no active school is gone: they get no access from roles or from a student field. */
export function isActiveAnywhere(person: RosterStaff): boolean {
  return person.schools.length === 0 || person.schools.some((entry) => entry.active);
}

export function schoolOf(index: RosterIndex, schoolId: string): RosterSchool {
  return index.schools.get(schoolId) ?? { id: schoolId, name: schoolId, abbreviation: schoolId };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function firstByKey<T extends { key: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.key)) map.set(item.key, item);
  return map;
}
