import type { QueryFingerprint } from '../powerschool-queries/query-definition.js';

// PowerSchool pages a PowerQuery by offset, running the query again for every page. When a row
// leaves the result between two pages (an enrolment dropped while sis-sync reads), every later
// row moves up one place and one of them is on no page; the count can still add up if another
// row arrived. So every row also carries the sum of all the result's ids as the server computed
// it for that page: pages that disagree on it, or rows whose ids do not add up to it, mean the
// data changed during the read, and the read is done again.

type Row = Record<string, unknown>;

/** What does not add up in a read, in words; undefined when it is whole. */
export function readProblem(rows: readonly Row[], count: number, fingerprint: QueryFingerprint | undefined): string | undefined {
  if (rows.length !== count) return `PowerSchool counted ${count} rows but its pages held ${rows.length}`;
  if (!fingerprint || rows.length === 0) return undefined;
  const stated = (rows[0] as Row)[fingerprint.idSum];
  // Absent when the answer came grouped under tables rather than flattened (see queryRecord), or
  // from a plugin older than this column: then the count is all there is to check.
  if (stated === undefined) return undefined;
  const idSum = Number(stated);
  if (!Number.isSafeInteger(idSum)) return `its ${fingerprint.idSum} column is not a whole number (${String(stated)})`;
  let sum = 0;
  for (const row of rows) {
    if (row[fingerprint.idSum] !== stated) {
      return `its pages were computed from different data (${fingerprint.idSum} ${String(stated)} on one, ${String(row[fingerprint.idSum])} on another)`;
    }
    sum += Number(row[fingerprint.id]);
  }
  if (sum !== idSum)
    return `the ${fingerprint.id} values of its rows add up to ${sum}, not to the ${idSum} PowerSchool summed on its pages`;
  return undefined;
}
