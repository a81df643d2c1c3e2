import type { DataType } from '../desired/data-types.js';
import { describeDashboard } from '../desired/model.js';
import type { DashboardChange, Plan } from '../sync/plan.js';
import { personKey, type PersonInfo, type SourceResult } from '../desired/ports.js';

// Who a plan adds and removes, by name and SIS id when the source knows people (a roster does,
// a rows file does not: then ids alone).

export type People = SourceResult['people'];

/** "Ana López (100234), Lincoln High School"; the id alone when the source knows nobody. */
export function describePerson(people: People, dataType: DataType, id: string): string {
  if (!people) return id;
  const person = people.get(personKey(dataType, id));
  if (!person) return `${id} (not in the roster)`;
  return `${person.name} (${id})${person.school ? `, ${person.school}` : ''}`;
}

/** Per changed dashboard: "+ name" for each added, "− name" for each removed, at most `max` of each. */
export function formatPeopleChanges(changes: readonly DashboardChange[], people: People, max: number): string[] {
  const lines: string[] = [];
  for (const change of changes) {
    if (change.added.length + change.removed.length + change.allyChanged.length === 0) continue;
    lines.push(`${describeDashboard(change)} (${change.action}):`);
    lines.push(...listed('+', change.added, change, people, max));
    lines.push(...listed('−', change.removed, change, people, max));
    const ally = change.allyChanged.map(
      (id) => `${describePerson(people, change.dataType, id)}: now ${change.target.members.get(id) ? 'ally' : 'not ally'}`,
    );
    lines.push(
      ...capped(
        ally.map((text) => `  ± ${text}`),
        ally.length,
        max,
        change,
      ),
    );
  }
  return lines;
}

function listed(sign: string, ids: readonly string[], change: DashboardChange, people: People, max: number): string[] {
  const lines = ids.slice(0, max).map((id) => `  ${sign} ${describePerson(people, change.dataType, id)}`);
  return capped(lines, ids.length, max, change);
}

function capped(lines: string[], total: number, max: number, change: DashboardChange): string[] {
  if (total <= max) return lines;
  return [...lines.slice(0, max), `  … and ${total - max} more (sis-sync plan --explain ${JSON.stringify(change.name)} lists everyone)`];
}

/** The people a plan names, for `plan --json`: keyed like SourceResult.people. */
export function peopleInPlan(plan: Plan, people: People): Record<string, PersonInfo> {
  const out: Record<string, PersonInfo> = {};
  if (!people) return out;
  for (const change of plan.changes) {
    for (const id of [...change.added, ...change.removed, ...change.allyChanged]) {
      const key = personKey(change.dataType, id);
      const person = people.get(key);
      if (person) out[key] = person;
    }
  }
  return out;
}
