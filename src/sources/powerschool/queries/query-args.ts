import type { QueryDefinition } from './query-definition.js';

// The values bound to the roster queries' arguments, the same for the REST source (PowerQuery
// arguments) and the Oracle source (bind variables). Lists travel wrapped in commas so that the
// SQL can test membership with INSTR on both Oracle and SQLite.

export interface RosterScope {
  activeEnrollStatuses: readonly number[];
  /** Empty: every school. */
  schools: readonly string[];
  /** YYYY-MM-DD, or empty for `today`. */
  asOfDate: string;
}

export type QueryArgValues = Record<string, string>;

/**
 * The whole key range: below and above every id PowerSchool gives (ids are NUMBER(10) there).
 * The Oracle source reads each query in one go with it; the REST source reads in slices.
 */
export const WHOLE_KEY_RANGE = { after_id: '-1', up_to_id: '999999999999999' } as const;

export function rosterQueryArgs(scope: RosterScope, today: string): QueryArgValues {
  return {
    ...WHOLE_KEY_RANGE,
    as_of_date: scope.asOfDate || today,
    enroll_statuses: `,${scope.activeEnrollStatuses.join(',')},`,
    school_numbers: scope.schools.length ? `,${scope.schools.join(',')},` : ',*,',
  };
}

/** Only the arguments the query declares: PowerSchool and Oracle both refuse others. */
export function argsFor(query: QueryDefinition, args: QueryArgValues): QueryArgValues {
  return Object.fromEntries(query.args.map((a) => [a.name, args[a.name] ?? '']));
}
