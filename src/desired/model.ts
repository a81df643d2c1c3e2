import type { DataType, IdField } from './data-types.js';
import { MemberList } from './member-list.js';

// The values the engine works on, independent of where memberships come from.

export interface DashboardKey {
  dataType: DataType;
  /** AspirEDU subaccount; '' for the token's own account. */
  account: string;
  name: string;
}

/** Members of one dashboard: member id → viewer_is_ally (always false for students). */
export type Members = ReadonlyMap<string, boolean>;

export interface DashboardMembers extends DashboardKey {
  idField: IdField;
  members: Members;
}

/** What AspirEDU should hold, per dashboard key (see `dashboardKeyString`). */
export type Desired = ReadonlyMap<string, DashboardMembers>;

const SEPARATOR = '\u001f';

export function dashboardKeyString(key: DashboardKey): string {
  return [key.dataType, key.account, key.name].join(SEPARATOR);
}

export function parseDashboardKeyString(text: string): DashboardKey {
  const [dataType, account, name] = text.split(SEPARATOR) as [DataType, string, string];
  return { dataType, account, name };
}

export function describeDashboard(key: DashboardKey): string {
  return `${key.dataType} dashboard "${key.name}"${key.account ? ` (account ${key.account})` : ''}`;
}

/**
 * A dashboard with these members. Its fields written out, not spread: V8 gives an object made
 * by spreading another and adding a field a backing store several times larger, and a run
 * holds one of these per dashboard, tens of thousands in a large district.
 */
export function withMembers(dashboard: Omit<DashboardMembers, 'members'>, members: Members): DashboardMembers {
  return { dataType: dashboard.dataType, account: dashboard.account, name: dashboard.name, idField: dashboard.idField, members };
}

/** Order used everywhere something is listed or serialised: data type, account, name. */
export function compareDashboardKeys(a: DashboardKey, b: DashboardKey): number {
  return compareStrings(a.dataType, b.dataType) || compareStrings(a.account, b.account) || compareStrings(a.name, b.name);
}

/** Code-point order, independent of locale, so that the same input gives the same bytes anywhere. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Member ids in code-point order; a MemberList's own array, not a copy (read it, don't change it). */
export function sortedMemberIds(members: Members): readonly string[] {
  return members instanceof MemberList ? members.ids : [...members.keys()].sort(compareStrings);
}

/** Members as stored and hashed: sorted [id, isAlly] pairs. */
export function membersToJson(members: Members): Array<[string, boolean]> {
  return sortedMemberIds(members).map((id) => [id, members.get(id) === true]);
}

/** `shareWith`: the same dashboard's members as the source gives them now (see MemberList.fromPairs). */
export function membersFromJson(json: ReadonlyArray<readonly [string, boolean]>, shareWith?: Members): Members {
  return MemberList.fromPairs(json, shareWith);
}
