import { dashboardsOf, type SoakUpload } from '../journal.js';
import { result, sameMembers, type CheckResult } from './check-result.js';

// No upload made twice for the same change: a dashboard sent again with exactly the content
// of its previous upload is a repeat, allowed only where sis-sync documents one (the previous
// upload ended in "error", or it named people AspirEDU did not know and the missing-user retry
// was due). And one upload in flight at a time: each upload arrives after the previous ended.

/** Uploads may arrive this much before the previous one's end, for timer rounding. */
const ROUNDING_MS = 5;

export interface RepeatCounts {
  afterError: number;
  missingRetry: number;
}

export function checkRepeatUploads(uploads: readonly SoakUpload[], retryMissingMs: number, placeholderId: string): CheckResult[] {
  const repeats: string[] = [];
  const counts: RepeatCounts = { afterError: 0, missingRetry: 0 };
  const last = new Map<string, { upload: SoakUpload; members: Map<string, boolean> }>();
  for (const upload of uploads) {
    for (const [name, members] of dashboardsOf(upload)) {
      const key = `${upload.dataType}\u001f${name}`;
      const previous = last.get(key);
      last.set(key, { upload, members });
      if (!previous || !sameMembers(previous.members, members)) continue;
      const before = previous.upload;
      if (before.status === 'error') {
        counts.afterError++;
        continue;
      }
      const missing = new Set(Object.values(before.missing).flat());
      missing.delete(placeholderId);
      const namedMissing = [...members.keys()].some((id) => missing.has(id));
      if (namedMissing && upload.createdMs - before.createdMs >= retryMissingMs) {
        counts.missingRetry++;
        continue;
      }
      repeats.push(
        `${upload.dataType} dashboard "${name}" sent again unchanged: upload #${upload.seq} (day ${upload.day}) repeats #${before.seq} (day ${before.day}, ${before.status}${namedMissing ? ', missing users but the retry was not due' : ''})`,
      );
    }
  }
  const overlaps: string[] = [];
  for (let i = 1; i < uploads.length; i++) {
    const before = uploads[i - 1] as SoakUpload;
    const upload = uploads[i] as SoakUpload;
    if (before.finishedMs === null || upload.createdMs + ROUNDING_MS < before.finishedMs) {
      overlaps.push(`upload #${upload.seq} (day ${upload.day}) arrived while #${before.seq} (day ${before.day}) was still processing`);
    }
  }
  return [
    result(
      'No upload was made twice for the same change',
      `${uploads.length} uploads; documented repeats: ${counts.afterError} after an error, ${counts.missingRetry} missing-user retries`,
      repeats,
    ),
    result('One upload in flight at a time', `${Math.max(0, uploads.length - 1)} successive uploads compared`, overlaps),
  ];
}
