import type { DataType, IdField } from './data-types.js';
import { MemberList } from './member-list.js';
import { dashboardKeyString, withMembers, type DashboardMembers, type Desired } from './model.js';

// Collects memberships from any source into a Desired: duplicates merge, names are normalised,
// and a viewer listed both as ally and not ally on one dashboard is kept as not ally (the
// narrower access), reported once through `allyConflicts`.

export interface AllyConflict {
  dashboard: string;
  viewerId: string;
}

export class IdFieldConflictError extends Error {
  constructor(
    readonly dashboard: string,
    readonly first: IdField,
    readonly second: IdField,
  ) {
    super(`dashboard "${dashboard}" mixes ${first} and ${second}; one dashboard must use one kind of id`);
  }
}

export function normaliseDashboardName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Length as AspirEDU counts it: characters (code points), not UTF-16 units, so "🏈" is one. */
export function dashboardNameLength(name: string): number {
  let count = 0;
  for (const _ of name) count++;
  return count;
}

interface Draft {
  key: Omit<DashboardMembers, 'members'>;
  /**
   * Members added one at a time (viewers, rows files), with viewer_is_ally. Made on the first
   * such member: most student dashboards never have one.
   */
  members: Map<string, boolean> | undefined;
  /** Lists of student ids added whole (one per rule instance): no map entry per student. */
  lists: string[][];
}

export class DesiredBuilder {
  private readonly dashboards = new Map<string, Draft>();
  readonly allyConflicts: AllyConflict[] = [];
  private readonly conflictSeen = new Set<string>();

  /** Declares a dashboard, so that it exists (and is managed) even with no members. */
  dashboard(dataType: DataType, account: string, rawName: string, idField: IdField): void {
    this.draft(dataType, account, rawName, idField);
  }

  /** Student ids for a dashboard, all at once (and the dashboard declared); the builder keeps the array. */
  addStudents(account: string, rawName: string, idField: IdField, ids: string[]): void {
    const { lists } = this.draft('student', account, rawName, idField);
    if (ids.length > 0) lists.push(ids);
  }

  add(dataType: DataType, account: string, rawName: string, idField: IdField, memberId: string, isAlly = false): void {
    const draft = this.draft(dataType, account, rawName, idField);
    const members = (draft.members ??= new Map());
    const previous = members.get(memberId);
    if (previous === undefined) {
      members.set(memberId, dataType === 'viewer' && isAlly);
      return;
    }
    if (previous !== isAlly && dataType === 'viewer') {
      members.set(memberId, false);
      const name = normaliseDashboardName(rawName);
      const conflictKey = `${account}\u001f${name}\u001f${memberId}`;
      if (!this.conflictSeen.has(conflictKey)) {
        this.conflictSeen.add(conflictKey);
        this.allyConflicts.push({ dashboard: name, viewerId: memberId });
      }
    }
  }

  /** Dashboards in key order, members in id order (MemberList): the same content, the same iteration. */
  build(): Desired {
    const desired = new Map<string, DashboardMembers>();
    for (const key of [...this.dashboards.keys()].sort()) {
      const draft = this.dashboards.get(key) as Draft;
      desired.set(key, withMembers(draft.key, membersOf(draft)));
    }
    return desired;
  }

  private draft(dataType: DataType, account: string, rawName: string, idField: IdField): Draft {
    const name = normaliseDashboardName(rawName);
    const key = dashboardKeyString({ dataType, account, name });
    let draft = this.dashboards.get(key);
    if (!draft) {
      draft = { key: { dataType, account, name, idField }, members: undefined, lists: [] };
      this.dashboards.set(key, draft);
    } else if (draft.key.idField !== idField) {
      throw new IdFieldConflictError(name, draft.key.idField, idField);
    }
    return draft;
  }
}

function membersOf(draft: Draft): MemberList {
  const { members, lists } = draft;
  // One instance made the dashboard (most do): its list is the dashboard, no copy.
  if (!members && lists.length === 1) return MemberList.of(lists[0] as string[]);
  const allies: string[] = [];
  members?.forEach((ally, id) => ally && allies.push(id));
  return MemberList.of([...lists.flat(), ...(members?.keys() ?? [])], allies);
}
