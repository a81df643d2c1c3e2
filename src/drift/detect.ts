import type { AspirEduClient } from '../aspiredu/client.js';
import type { DataType } from '../desired/data-types.js';
import type { StateStore } from '../state/store.js';
import { compareDrift, type AspirEduDashboard, type DriftComparison } from './compare.js';

// Reads what AspirEDU holds (v2 dashboards, then the students and viewers of every managed
// one, following `next`) and compares it with the snapshots. One request per page; unmanaged
// dashboards are named but their members are not fetched.

export async function detectDrift(
  client: AspirEduClient,
  store: StateStore,
  placeholderId: string,
  defaultAccount: string,
): Promise<DriftComparison> {
  const managed = store.snapshots.all();
  const accounts = [...new Set([defaultAccount, ...[...managed.values()].map((d) => d.account)])].sort();
  const wanted = new Map<string, Set<DataType>>();
  for (const d of managed.values()) {
    const key = `${d.account}\u001f${d.name}`;
    wanted.set(key, (wanted.get(key) ?? new Set()).add(d.dataType));
  }
  const remote: AspirEduDashboard[] = [];
  for (const account of accounts) {
    for await (const dashboard of client.listDashboards(account)) {
      const entry: AspirEduDashboard = { account, name: dashboard.name, members: {} };
      for (const dataType of wanted.get(`${account}\u001f${dashboard.name}`) ?? []) {
        const members = [];
        for await (const member of client.listDashboardMembers(dashboard.id, dataType, account)) members.push(member);
        entry.members[dataType] = members;
      }
      remote.push(entry);
    }
  }
  const missing = new Map<string, Set<string>>();
  for (const user of store.missingUsers.unresolved()) {
    const key = `${user.dataType}\u001f${user.account}\u001f${user.idField}`;
    missing.set(key, (missing.get(key) ?? new Set()).add(user.userId));
  }
  return compareDrift(managed, remote, { placeholderId, missing });
}
