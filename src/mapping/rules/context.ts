import type { RosterSchool, RosterStaff } from '../../roster/roster.js';
import { compareStrings } from '../../desired/model.js';
import type { Instance } from '../instance.js';
import type { RosterIndex } from '../roster-index.js';

// What every rule kind needs while it runs, and the template values they share.

export interface RuleContext {
  index: RosterIndex;
  /** mapping.gradeNames: how {grade} reads. */
  gradeNames: Readonly<Record<string, string>>;
  /** Keep why each student is on each dashboard: only for `plan --explain`, it costs memory and time. */
  withReasons: boolean;
  warn(message: string): void;
}

export function gradeName(context: RuleContext, grade: number): string {
  return context.gradeNames[String(grade)] ?? String(grade);
}

export function schoolValues(school: RosterSchool): Record<string, string> {
  return { 'school.id': school.id, 'school.name': school.name, 'school.abbreviation': school.abbreviation };
}

export function personValues(prefix: string, person: RosterStaff): Record<string, string> {
  return {
    [`${prefix}.firstName`]: person.firstName,
    [`${prefix}.lastName`]: person.lastName,
    [`${prefix}.name`]: `${person.firstName} ${person.lastName}`,
    [`${prefix}.sisId`]: person.sisId ?? '',
    [`${prefix}.email`]: person.email ?? '',
  };
}

/** Instances in a fixed order: by the id each kind builds from its dimensions. */
export function sortedInstances(byId: ReadonlyMap<string, Instance>): Instance[] {
  return [...byId.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, instance]) => instance);
}

export const SEP = '\u001f';
