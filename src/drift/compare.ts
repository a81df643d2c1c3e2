import type { DashboardMember } from '../aspiredu/types.js';
import type { DataType } from '../desired/data-types.js';
import { compareDashboardKeys, compareStrings, type DashboardMembers, type Desired } from '../desired/model.js';

// Drift (seed 000, "Detecting changes to dashboards"): what AspirEDU holds against the snapshot
// of what this service last uploaded. Pure. Users AspirEDU never knew (missing users) and the
// empty-dashboard placeholder are expected absences, not drift.

export interface AspirEduDashboard {
  account: string;
  name: string;
  /** Members per data type, for the data types that were fetched. */
  members: Partial<Record<DataType, DashboardMember[]>>;
}

export type DriftState = 'in-sync' | 'drifted' | 'missing-in-aspiredu';

export interface DriftEntry {
  dataType: DataType;
  account: string;
  name: string;
  state: DriftState;
  /** Members AspirEDU has that were not uploaded: added in the web application. */
  addedInWeb: string[];
  /** Members uploaded that AspirEDU no longer has: removed in the web application. */
  removedInWeb: string[];
  /** Viewers whose ally flag differs from what was uploaded. */
  allyChangedInWeb: string[];
}

export interface DriftComparison {
  entries: DriftEntry[];
  /** Dashboards in AspirEDU that this service does not manage. */
  unmanaged: Array<{ account: string; name: string }>;
}

export interface ExpectedAbsences {
  placeholderId: string;
  /** Ids AspirEDU did not know when last uploaded, by `${dataType}\u001f${account}\u001f${idField}`. */
  missing: ReadonlyMap<string, ReadonlySet<string>>;
}

export function compareDrift(managed: Desired, aspiredu: readonly AspirEduDashboard[], expected: ExpectedAbsences): DriftComparison {
  const byName = new Map(aspiredu.map((d) => [`${d.account}\u001f${d.name}`, d]));
  const managedNames = new Set([...managed.values()].map((d) => `${d.account}\u001f${d.name}`));
  const entries = [...managed.values()]
    .sort(compareDashboardKeys)
    .map((snapshot) => entryFor(snapshot, byName.get(`${snapshot.account}\u001f${snapshot.name}`), expected));
  const unmanaged = aspiredu
    .filter((d) => !managedNames.has(`${d.account}\u001f${d.name}`))
    .map((d) => ({ account: d.account, name: d.name }))
    .sort((a, b) => compareStrings(a.account, b.account) || compareStrings(a.name, b.name));
  return { entries, unmanaged };
}

function entryFor(snapshot: DashboardMembers, remote: AspirEduDashboard | undefined, expected: ExpectedAbsences): DriftEntry {
  const base = { dataType: snapshot.dataType, account: snapshot.account, name: snapshot.name };
  if (!remote) return { ...base, state: 'missing-in-aspiredu', addedInWeb: [], removedInWeb: [], allyChangedInWeb: [] };
  const bySisId = snapshot.idField.endsWith('_sis_id');
  const actual = new Map<string, boolean>();
  for (const member of remote.members[snapshot.dataType] ?? []) {
    // A user without a SIS id cannot have been uploaded by SIS id: it was added in the web application.
    const id = bySisId ? (member.sis_id ?? `AspirEDU id ${member.id}`) : member.id;
    actual.set(id, member.is_ally === true);
  }
  const missing = expected.missing.get(`${snapshot.dataType}\u001f${snapshot.account}\u001f${snapshot.idField}`) ?? new Set<string>();
  const addedInWeb = [...actual.keys()].filter((id) => !snapshot.members.has(id)).sort(compareStrings);
  const removedInWeb = [...snapshot.members.keys()]
    .filter((id) => !actual.has(id) && !missing.has(id) && id !== expected.placeholderId)
    .sort(compareStrings);
  const allyChangedInWeb =
    snapshot.dataType === 'viewer'
      ? [...snapshot.members]
          .filter(([id, ally]) => actual.has(id) && actual.get(id) !== ally)
          .map(([id]) => id)
          .sort(compareStrings)
      : [];
  const drifted = addedInWeb.length + removedInWeb.length + allyChangedInWeb.length > 0;
  return { ...base, state: drifted ? 'drifted' : 'in-sync', addedInWeb, removedInWeb, allyChangedInWeb };
}
