import type { DataType, IdField } from '../desired/data-types.js';
import { MemberList } from '../desired/member-list.js';
import {
  compareDashboardKeys,
  sortedMemberIds,
  withMembers,
  type DashboardKey,
  type DashboardMembers,
  type Desired,
  type Members,
} from '../desired/model.js';

// The plan: per dashboard, what an upload would change against the snapshot of what was last
// uploaded successfully. Pure: no I/O, same input → same plan.

export type ChangeAction =
  /** Not managed before. */
  | 'create'
  /** Members added, removed, or ally flags changed. */
  | 'update'
  /** Managed before, now absent or without members: emptied with the placeholder row. */
  | 'empty'
  /** No change, but some members were unknown to AspirEDU last time: sent again to pick them up. */
  | 'retry-missing'
  /** No change here, but AspirEDU's copy drifted (edited in the web application): sent again. */
  | 'reconcile'
  | 'unchanged';

export interface DashboardChange extends DashboardKey {
  action: ChangeAction;
  idField: IdField;
  added: string[];
  removed: string[];
  /** Viewers whose viewer_is_ally flag changed. */
  allyChanged: string[];
  before: number;
  after: number;
  /** The whole dashboard as it should be after the upload. */
  target: DashboardMembers;
}

export interface PlanTotals {
  dashboards: number;
  toUpload: number;
  added: number;
  removed: number;
  allyChanged: number;
  byAction: Record<ChangeAction, number>;
}

export interface Plan {
  changes: DashboardChange[];
  totals: PlanTotals;
}

export interface PlanOptions {
  /** Data types the source speaks for; snapshots of others are left out of the plan. All by default. */
  dataTypes?: readonly DataType[];
  /** Dashboard keys (dashboardKeyString) due for a retry of their missing members. */
  retryMissing?: ReadonlySet<string>;
  /** Dashboard keys to upload even when unchanged (drift reconciliation). */
  forceUpload?: ReadonlySet<string>;
  /** Only these dashboard keys are planned; all others are left out (rollback of one run). */
  scope?: ReadonlySet<string>;
}

export function computePlan(desired: Desired, snapshots: Desired, options: PlanOptions = {}): Plan {
  const changes: DashboardChange[] = [];
  const inScope = (key: string) => !options.scope || options.scope.has(key);
  const resend = (key: string): ChangeAction | undefined =>
    options.forceUpload?.has(key) ? 'reconcile' : options.retryMissing?.has(key) ? 'retry-missing' : undefined;
  for (const [key, target] of desired) {
    if (!inScope(key)) continue;
    const previous = snapshots.get(key);
    if (!previous && target.members.size === 0) continue; // nothing to create, nothing to clear
    changes.push(changeFor(target, previous, resend(key)));
  }
  for (const [key, previous] of snapshots) {
    if (desired.has(key) || previous.members.size === 0 || !inScope(key)) continue;
    if (options.dataTypes && !options.dataTypes.includes(previous.dataType)) continue;
    changes.push(changeFor(withMembers(previous, MemberList.EMPTY), previous, undefined));
  }
  changes.sort(compareDashboardKeys);
  return { changes, totals: totalsOf(changes) };
}

export function needsUpload(change: DashboardChange): boolean {
  return change.action !== 'unchanged';
}

function changeFor(target: DashboardMembers, previous: DashboardMembers | undefined, resendAs: ChangeAction | undefined): DashboardChange {
  if (!previous) return change(target, 0, 'create', [...sortedMemberIds(target.members)], [], []);
  const before = previous.members.size;
  // A different id column (sis id ↔ AspirEDU id): every member is a new one, and every old one goes.
  const { added, removed, allyChanged } =
    previous.idField === target.idField
      ? diffMembers(target.members, previous.members, target.dataType === 'viewer')
      : { added: [...sortedMemberIds(target.members)], removed: [...sortedMemberIds(previous.members)], allyChanged: [] };
  const changed = added.length > 0 || removed.length > 0 || allyChanged.length > 0;
  let action: ChangeAction;
  if (!changed) action = resendAs ?? 'unchanged';
  else action = target.members.size === 0 ? 'empty' : 'update';
  return change(target, before, action, added, removed, allyChanged);
}

/** Every field written out, as in withMembers (500 bytes a change spread, 120 so): a plan holds one per dashboard. */
function change(
  target: DashboardMembers,
  before: number,
  action: ChangeAction,
  added: string[],
  removed: string[],
  allyChanged: string[],
): DashboardChange {
  return {
    dataType: target.dataType,
    account: target.account,
    name: target.name,
    idField: target.idField,
    before,
    after: target.members.size,
    target,
    action,
    added,
    removed,
    allyChanged,
  };
}

/**
 * One walk over both sorted id lists: no hash lookups, and the three lists come out sorted.
 * Students are never allies, so only viewers' flags are compared.
 */
function diffMembers(target: Members, previous: Members, compareAlly: boolean) {
  // An unchanged dashboard's snapshot is today's list itself (Snapshots.all): nothing to walk.
  if (target === previous) return { added: [], removed: [], allyChanged: [] };
  const next = sortedMemberIds(target);
  const before = sortedMemberIds(previous);
  const added: string[] = [];
  const removed: string[] = [];
  const allyChanged: string[] = [];
  let i = 0;
  let j = 0;
  // Indexes checked before every read: reading past an array's end slows optimised code down.
  while (i < next.length && j < before.length) {
    const id = next[i] as string;
    const was = before[j] as string;
    if (id === was) {
      if (compareAlly && isAlly(target, id) !== isAlly(previous, id)) allyChanged.push(id);
      i++;
      j++;
    } else if (id < was) {
      added.push(id);
      i++;
    } else {
      removed.push(was);
      j++;
    }
  }
  while (i < next.length) added.push(next[i++] as string);
  while (j < before.length) removed.push(before[j++] as string);
  return { added, removed, allyChanged };
}

function isAlly(members: Members, id: string): boolean {
  return members instanceof MemberList ? members.isAlly(id) : members.get(id) === true;
}

function totalsOf(changes: DashboardChange[]): PlanTotals {
  const byAction: Record<ChangeAction, number> = { create: 0, update: 0, empty: 0, 'retry-missing': 0, reconcile: 0, unchanged: 0 };
  let added = 0;
  let removed = 0;
  let allyChanged = 0;
  for (const change of changes) {
    byAction[change.action]++;
    added += change.added.length;
    removed += change.removed.length;
    allyChanged += change.allyChanged.length;
  }
  return { dashboards: changes.length, toUpload: changes.length - byAction.unchanged, added, removed, allyChanged, byAction };
}
