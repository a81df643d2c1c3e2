import type { QueryFingerprint } from '../powerschool-queries/query-definition.js';

// PowerSchool pages a PowerQuery by offset, running the query again for every page. When a row
// leaves the result between two pages (an enrolment dropped while sis-sync reads), every later
// row moves up one place and one of them is never on any page; the count can still add up if
// another row arrived. Each page therefore carries the whole result's row count and id sum as
// the server saw it then: pages that disagree, or rows that do not add up to them, mean the
// data changed during the read, and the read is done again.

type Row = Record<string, unknown>;

/** What does not add up in a read, in words; undefined when it is whole. */
export function readProblem(rows: readonly Row[], count: number, fingerprint: QueryFingerprint | undefined): string | undefined {
  if (rows.length !== count) return `PowerSchool counted ${count} rows but its pages held ${rows.length}`;
  if (!fingerprint || rows.length === 0) return undefined;
  const first = rows[0] as Row;
  // Absent when the answer came grouped under tables rather than flattened (see queryRecord), or
  // from a plugin older than these columns: then the count is all there is to check.
  if (first[fingerprint.rows] === undefined && first[fingerprint.idSum] === undefined) return undefined;
  const total = Number(first[fingerprint.rows]);
  const idSum = Number(first[fingerprint.idSum]);
  if (!Number.isSafeInteger(total) || !Number.isSafeInteger(idSum)) {
    return `its ${fingerprint.rows} and ${fingerprint.idSum} columns are not whole numbers (${String(first[fingerprint.rows])}, ${String(first[fingerprint.idSum])}): is the installed plugin older than this sis-sync?`;
  }
  let sum = 0;
  for (const row of rows) {
    if (Number(row[fingerprint.rows]) !== total || Number(row[fingerprint.idSum]) !== idSum) {
      return `its pages were computed from different data (${total} rows on one page, ${String(row[fingerprint.rows])} on another)`;
    }
    sum += Number(row[fingerprint.id]);
  }
  if (total !== rows.length) return `its pages say the result has ${total} rows, but they held ${rows.length}`;
  if (sum !== idSum) return `the ${fingerprint.id} values of its rows do not add up to what PowerSchool summed on its pages`;
  return undefined;
}
