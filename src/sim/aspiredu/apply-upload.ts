import type { AspirEduSimModel, SimDashboard, SimUpload } from './model.js';

// What processing an upload does, per the reference (seed 001):
//   none       only appends the rows;
//   all        first clears every dashboard of the account, for the upload's data type only;
//   contained  first clears only the dashboards the upload names, for its data type only.
// Then each row adds its user; ids AspirEDU has no record of go to `missing`, keyed by the id
// column the row used. Clearing a dashboard's students never touches its viewers, and back.

export function applyUpload(model: AspirEduSimModel, upload: SimUpload, missingStatus: 'success_missing' | 'success_with_missing'): void {
  const clear = (dashboard: SimDashboard) => (upload.dataType === 'student' ? dashboard.students.clear() : dashboard.viewers.clear());
  if (upload.policy === 'all') model.dashboardsIn(upload.account).forEach(clear);
  if (upload.policy === 'contained') {
    for (const name of new Set(upload.rows.map((r) => r.dashboardName))) clear(model.dashboardOrCreate(upload.account, name));
  }
  const missing: Record<string, string[]> = {};
  for (const row of upload.rows) {
    const dashboard = model.dashboardOrCreate(upload.account, row.dashboardName);
    const user = model.findUser(upload.dataType, row.idField, row.idValue);
    if (!user) {
      const list = (missing[row.idField] ??= []);
      if (!list.includes(row.idValue)) list.push(row.idValue);
      continue;
    }
    if (upload.dataType === 'student') dashboard.students.add(user.id);
    else dashboard.viewers.set(user.id, row.isAlly);
  }
  upload.missing = missing;
  upload.status = Object.keys(missing).length > 0 ? missingStatus : 'success';
}
