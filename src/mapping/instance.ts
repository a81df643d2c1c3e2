import type { RosterStaff, RosterStudent } from '../roster/roster.js';
import type { CompiledRule } from '../config/mapping-rules/compile-rules.js';

// One dashboard as one rule makes it for one thing: a school and grade, a teacher, a field value.
// Two instances may still give the same name; assemble.ts decides whether that is a merge.

/** What tells two instances of one rule apart, by the placeholders that would show it. */
export interface InstanceDims {
  school?: string;
  grade?: string;
  teacher?: string;
  value?: string;
  staff?: string;
}

export interface ViewerGrant {
  /** The staff member, when the roster has them (a listed SIS id may be someone it does not). */
  staff: RosterStaff | undefined;
  /** Null when the staff member has no SIS id: skipped and counted. */
  sisId: string | null;
  ally: boolean;
  /**
   * Why they see it, for `plan --explain` and the rare ally conflict. A function where the text
   * is long and built from many parts (a teacher's sections): a run that asks nobody builds none.
   */
  because: Text;
}

/** A text, or how to write it when it is asked for. */
export type Text = string | (() => string);

export function textOf(text: Text): string {
  return typeof text === 'string' ? text : text();
}

export interface Instance {
  rule: CompiledRule;
  dims: InstanceDims;
  /** For messages: `teacher Jane Doe (T100)`, `Lincoln High (100), grade 9`. */
  label: string;
  /** Template values by placeholder. */
  values: Record<string, string>;
  /**
   * Students, each once, in the order the rule found them. A list rather than a map by key: rules
   * see each student once per instance by construction (the teacher rule takes care of students
   * in two sections of one teacher), and a district has hundreds of thousands of memberships.
   */
  students: RosterStudent[];
  /** Why each student is here, by key; only kept for `plan --explain` (RuleContext.withReasons). */
  reasons: Map<string, string[]> | undefined;
  viewers: ViewerGrant[];
  /**
   * The staff member the dashboard is for (the teacher; the counsellor a name shows). Without
   * their SIS id the dashboard is not made at all: it would have students and nobody to see them.
   */
  owner: RosterStaff | undefined;
}

/**
 * Adds a student the instance does not hold yet. `because` is only read when the instance keeps
 * reasons; callers build it only then.
 */
export function addStudent(instance: Instance, student: RosterStudent, because: string | undefined): void {
  instance.students.push(student);
  addReason(instance, student, because);
}

/** One more reason for a student the instance already holds (or has just taken). */
export function addReason(instance: Instance, student: RosterStudent, because: string | undefined): void {
  if (!instance.reasons || because === undefined) return;
  const reasons = instance.reasons.get(student.key);
  if (!reasons) instance.reasons.set(student.key, [because]);
  else if (!reasons.includes(because)) reasons.push(because);
}

export function personLabel(person: { firstName: string; lastName: string; sisId: string | null; key: string }): string {
  const name = `${person.firstName} ${person.lastName}`.replace(/\s+/g, ' ').trim() || '(no name)';
  return person.sisId ? `${name} (${person.sisId})` : `${name} (no SIS id, key ${person.key})`;
}
