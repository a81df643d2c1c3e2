import type { DesiredState } from '../desired-state.js';
import { dashboardsOf, desiredMembers, type SoakUpload } from '../journal.js';
import { describeDifference, result, sameMembers, type CheckResult } from './check-result.js';

// Every upload AspirEDU received, against the desired state of the day it was made: a
// dashboard sent empty (the placeholder row alone) must have been empty that day, and every
// dashboard an upload carried must hold exactly that day's members. A half-read roster, a
// stale plan or a mixed-up batch shows here.

export function checkUploadContent(
  uploads: readonly SoakUpload[],
  desiredByDay: ReadonlyMap<number, DesiredState>,
  placeholderId: string,
  /** Days on which the district changed while sis-sync read it: either state is right. */
  changedDuringRead: ReadonlyMap<number, DesiredState> = new Map(),
): CheckResult[] {
  const emptied: string[] = [];
  const wrong: string[] = [];
  let emptyings = 0;
  let dashboards = 0;
  for (const upload of uploads) {
    const desired = desiredByDay.get(upload.day);
    if (!desired) {
      wrong.push(`upload #${upload.seq} (${upload.apiId}) arrived on day ${upload.day}, for which the soak has no desired state`);
      continue;
    }
    if (upload.policy !== 'contained') wrong.push(`upload #${upload.seq} used clear_existing_policy=${upload.policy}`);
    const processed = upload.status.startsWith('success');
    for (const [name, sent] of dashboardsOf(upload)) {
      dashboards++;
      sent.delete(placeholderId);
      const changed = changedDuringRead.get(upload.day);
      const later = changed ? desiredMembers(changed, upload.dataType, name) : undefined;
      const expected = later && sameMembers(later, sent) ? later : desiredMembers(desired, upload.dataType, name);
      if (sent.size === 0) {
        emptyings++;
        if (expected.size > 0 && processed) {
          emptied.push(
            `day ${upload.day}: upload #${upload.seq} emptied ${upload.dataType} dashboard "${name}", which should have had ${expected.size} members`,
          );
        }
        continue;
      }
      if (!sameMembers(expected, sent)) {
        wrong.push(
          `day ${upload.day}: upload #${upload.seq} (${upload.status}) sent ${upload.dataType} dashboard "${name}" with ${describeDifference(expected, sent)}`,
        );
      }
    }
  }
  return [
    result('No dashboard was emptied that should not have been', `${emptyings} dashboards emptied, each checked against its day`, emptied),
    result('Every upload carried its day’s desired members', `${dashboards} dashboards in ${uploads.length} uploads compared`, wrong),
  ];
}
