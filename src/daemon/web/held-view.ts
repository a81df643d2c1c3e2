import type { DataType } from '../../desired/data-types.js';
import type { HoldRecord } from '../../state/holds.js';
import type { StateStore } from '../../state/store.js';
import { personKey } from '../../desired/ports.js';

// What the approval page shows of a held plan, as `sis-sync plan` shows it: why it was held,
// the dashboards that would lose members, the schools those people belong to, and the people
// themselves by name and SIS id, a page at a time, filtered by the reader's search.

export const PEOPLE_PER_PAGE = 25;
const MAX_QUERY_LENGTH = 100;

export interface ViewDashboard {
  dataType: DataType;
  name: string;
  account: string;
  before: number;
  after: number;
  losing: number;
  gaining: number;
}

export interface ViewPerson {
  id: string;
  name: string | undefined;
  school: string | undefined;
  dataType: DataType;
  dashboard: string;
}

export interface HeldView {
  runId: number;
  heldSince: string;
  lastSeenAt: string;
  reasons: string[];
  dashboards: ViewDashboard[];
  /** School → people leaving a dashboard; "" for people whose school is unknown. */
  schools: Array<{ school: string; people: number }>;
  people: { shown: ViewPerson[]; matching: number; total: number; page: number; pages: number; query: string; namesKnown: boolean };
}

export interface ViewQuery {
  query?: string | undefined;
  page?: string | undefined;
}

export function heldViewOf(store: StateStore, hold: HoldRecord, request: ViewQuery): HeldView {
  const directory = store.people.all();
  const dashboards: ViewDashboard[] = [];
  const everyone: ViewPerson[] = [];
  for (const change of hold.changes) {
    if (change.removed.length === 0) continue;
    const dataType = change.dataType as DataType;
    const before = store.snapshots.memberCount(dataType, change.account, change.name);
    dashboards.push({
      dataType,
      name: change.name,
      account: change.account,
      before,
      after: Math.max(0, before - change.removed.length + change.added.length),
      losing: change.removed.length,
      gaining: change.added.length,
    });
    for (const id of change.removed) {
      const person = directory.get(personKey(dataType, id));
      everyone.push({ id, name: person?.name, school: person?.school || undefined, dataType, dashboard: change.name });
    }
  }
  const query = (request.query ?? '').trim().slice(0, MAX_QUERY_LENGTH);
  const needle = query.toLowerCase();
  const matching = needle ? everyone.filter((p) => searchText(p).includes(needle)) : everyone;
  const pages = Math.max(1, Math.ceil(matching.length / PEOPLE_PER_PAGE));
  const asked = Number.parseInt(request.page ?? '1', 10);
  const page = Number.isInteger(asked) ? Math.min(Math.max(asked, 1), pages) : 1;
  return {
    runId: hold.runId,
    heldSince: hold.createdAt,
    lastSeenAt: hold.lastSeenAt,
    reasons: hold.findings.map((f) => f.message),
    dashboards,
    schools: schoolsOf(everyone),
    people: {
      shown: matching.slice((page - 1) * PEOPLE_PER_PAGE, page * PEOPLE_PER_PAGE),
      matching: matching.length,
      total: everyone.length,
      page,
      pages,
      query,
      namesKnown: everyone.some((p) => p.name !== undefined),
    },
  };
}

function searchText(p: ViewPerson): string {
  return `${p.id}\u0000${p.name ?? ''}\u0000${p.school ?? ''}\u0000${p.dashboard}`.toLowerCase();
}

/** Schools by people leaving, most first; one person on two dashboards counts once. */
function schoolsOf(people: readonly ViewPerson[]): Array<{ school: string; people: number }> {
  const bySchool = new Map<string, Set<string>>();
  for (const p of people) {
    const school = p.school ?? '';
    const ids = bySchool.get(school) ?? new Set<string>();
    ids.add(personKey(p.dataType, p.id));
    bySchool.set(school, ids);
  }
  return [...bySchool.entries()]
    .map(([school, ids]) => ({ school, people: ids.size }))
    .sort((a, b) => b.people - a.people || a.school.localeCompare(b.school));
}
