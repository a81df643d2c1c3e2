import { SourceError } from '../../../errors.js';
import type { QueryArgValues } from '../queries/query-args.js';
import { KEY_ARGS, type QueryKey } from '../queries/query-definition.js';

// Reads a keyed PowerQuery page by page, each page asking for the rows after the last key of the
// one before (`after_id`), always page 1. PowerSchool pages by position and evaluates the query
// again for every page: by key, each page is an index range scan that stops at its last row, and
// no page depends on how many rows came before it. A row deleted, added or moved during the read
// moves no other row from one page to another, so every row that exists for the whole read is read
// exactly once, and one that arrives during it is read now or next run.
//
// To keep `powerschool.concurrency` requests busy, the key range between the table's lowest and
// highest id (the bounds query) is cut into slices read side by side, each one page after another.

export interface KeyRange {
  /** Exclusive. */
  after: number;
  /** Inclusive. */
  upTo: number;
}

/** Slices of at least this many pages' worth of ids: fewer slices mean fewer short last pages. */
const MIN_PAGES_PER_SLICE = 2;

/**
 * The key range cut into about `parts` slices of equal width, none narrower than
 * MIN_PAGES_PER_SLICE pages of ids, so that a small table is one slice.
 */
export function sliceKeyRange(min: number, max: number, parts: number, pageSize: number): KeyRange[] {
  const width = max - min + 1;
  const count = Math.max(1, Math.min(parts, Math.floor(width / (pageSize * MIN_PAGES_PER_SLICE))));
  const slices: KeyRange[] = [];
  let after = min - 1;
  for (let i = 1; i <= count; i++) {
    const upTo = i === count ? max : min - 1 + Math.round((width * i) / count);
    slices.push({ after, upTo });
    after = upTo;
  }
  return slices;
}

export type KeyedPage = (args: QueryArgValues) => Promise<Array<Record<string, unknown>>>;

/**
 * Page sizes seen by the slices of one read, shared between them. A server may answer fewer
 * rows per page than asked (and than its metadata's maximum): a short page then says nothing
 * about the end of a slice unless it is also shorter than the longest page seen.
 */
export interface PageSizeWatch {
  /** The most rows a page of this read has held so far. */
  longest: number;
  /** Told each time a page shorter than asked was followed by more rows: the server caps pages at `returned`. */
  capped(returned: number): void;
}

export function pageSizeWatch(onCapped: (returned: number) => void): PageSizeWatch {
  return { longest: 0, capped: onCapped };
}

/**
 * Whether a page of `rows` rows is the last of its slice: when it is empty, or shorter both than
 * what was asked and than the longest page this read has seen (this one included). A page as long
 * as any seen but shorter than asked may be a server's cap, so one more page is read to confirm.
 */
export function pageEndsSlice(rows: number, asked: number, longestSeen: number): boolean {
  return rows === 0 || (rows < asked && rows < longestSeen);
}

/**
 * Every row of one slice, in key order: page 1 again and again, each time after the last key
 * read, until a page ends the slice (pageEndsSlice).
 */
export async function readSlice(
  what: string,
  key: QueryKey,
  args: QueryArgValues,
  range: KeyRange,
  pageSize: number,
  fetchPage: KeyedPage,
  signal: AbortSignal | undefined,
  watch: PageSizeWatch = pageSizeWatch(() => undefined),
): Promise<{ rows: Array<Record<string, unknown>>; pages: number }> {
  const rows: Array<Record<string, unknown>> = [];
  let after = range.after;
  let pages = 0;
  /** The length of the page before, when it was shorter than asked and did not end the slice. */
  let shortBefore: number | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const page = await fetchPage({ ...args, [KEY_ARGS.after]: String(after), [KEY_ARGS.upTo]: String(range.upTo) });
    pages++;
    if (shortBefore !== undefined && page.length > 0) watch.capped(shortBefore);
    for (const row of page) {
      const value = Number(row[key.column]);
      // A plugin older than keyset reading ignores after_id and answers the same first page again.
      if (!Number.isSafeInteger(value) || value <= after || value > range.upTo) throw keyOutOfRange(what, key, value, after, range.upTo);
      after = value;
      rows.push(row);
    }
    watch.longest = Math.max(watch.longest, page.length);
    if (pageEndsSlice(page.length, pageSize, watch.longest)) return { rows, pages };
    shortBefore = page.length < pageSize ? page.length : undefined;
  }
}

function keyOutOfRange(what: string, key: QueryKey, value: number, after: number, upTo: number): SourceError {
  return new SourceError(
    `PowerSchool answered ${what} with ${key.column} ${Number.isNaN(value) ? '(missing)' : value} where sis-sync asked for the rows after ${after} up to ${upTo}, in order: the installed sis-sync plugin does not read by key`,
    { code: 'POWERSCHOOL_PLUGIN_OUTDATED', hint: OUTDATED_PLUGIN_HINT },
  );
}

/** The first plugin version whose queries take after_id and up_to_id and have bounds queries. */
export const FIRST_KEYSET_PLUGIN_VERSION = '0.2.0';

export const OUTDATED_PLUGIN_HINT = `Install the plugin that ships with this sis-sync, version ${FIRST_KEYSET_PLUGIN_VERSION} or later (\`npm run plugin\` builds it; PowerSchool: System > System Settings > Plugin Management Configuration > Install), and enable it. Nothing was uploaded.`;
