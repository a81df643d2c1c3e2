import type { DataType, IdField } from '../aspiredu/types.js';
import { dashboardKeyString, type DashboardMembers, type Desired } from './model.js';

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

export class DesiredBuilder {
  private readonly dashboards = new Map<string, { key: Omit<DashboardMembers, 'members'>; members: Map<string, boolean> }>();
  readonly allyConflicts: AllyConflict[] = [];
  private readonly conflictSeen = new Set<string>();

  /** Declares a dashboard, so that it exists (and is managed) even with no members. */
  dashboard(dataType: DataType, account: string, rawName: string, idField: IdField): Map<string, boolean> {
    const name = normaliseDashboardName(rawName);
    const key = dashboardKeyString({ dataType, account, name });
    let entry = this.dashboards.get(key);
    if (!entry) {
      entry = { key: { dataType, account, name, idField }, members: new Map() };
      this.dashboards.set(key, entry);
    } else if (entry.key.idField !== idField) {
      throw new IdFieldConflictError(name, entry.key.idField, idField);
    }
    return entry.members;
  }

  add(dataType: DataType, account: string, rawName: string, idField: IdField, memberId: string, isAlly = false): void {
    const members = this.dashboard(dataType, account, rawName, idField);
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

  build(): Desired {
    const desired = new Map<string, DashboardMembers>();
    for (const [key, entry] of this.dashboards) desired.set(key, { ...entry.key, members: entry.members });
    return desired;
  }
}
