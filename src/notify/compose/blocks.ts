// A digest is written once as blocks, then rendered as plain text and as HTML, so that the two
// parts of an email always say the same thing.

export type Tone = 'alert' | 'ok' | 'muted';

/**
 * What the reader must do, shown first in every digest: what happened in one sentence, what to
 * do, and the command (or link) that does it. `tone: 'ok'` when there is nothing to do.
 */
export interface Action {
  tone: 'alert' | 'ok';
  /** What happened, in one short sentence, shown in bold. */
  summary: string;
  /** More on what happened: how many, where. */
  detail?: string;
  /** What to do about it. */
  todo: string;
  /** A command a person types on the sis-sync server. */
  command?: string;
  /** A link that does the same from the email (issue 18: a signed approve link), shown next to the command. */
  link?: { href: string; label: string };
  /** What to do otherwise, after the command ("If these removals are not expected, …"). */
  otherwise?: string;
}

/**
 * One line of a list of things (dashboards, people): a title that may be long and wrap, then a
 * few short values under it, one per column. Laid out as two rows rather than one wide row, so
 * that it fits a phone without any CSS (see render-html.ts).
 */
export interface RecordRow {
  title: string;
  cells: string[];
  /** A line under the values, e.g. the dashboards a person was meant for. */
  note?: string;
}

/** What a cut list says about the rest: "… and 1,234 more dashboards; sis-sync status lists them all." */
export interface More {
  /** Plural noun, "dashboards". */
  noun: string;
  /** Where to see them all, e.g. "sis-sync missing lists them all". */
  where: string;
}

export type Block =
  | { type: 'heading'; text: string; tone?: Tone }
  | { type: 'subheading'; text: string }
  | { type: 'paragraph'; text: string; tone?: Tone }
  | { type: 'list'; items: string[]; more?: More; left?: number }
  | { type: 'records'; columns: string[]; rows: RecordRow[]; more: More; left?: number }
  /** A command a person types, shown in a fixed-width font. */
  | { type: 'command'; text: string }
  | { type: 'action'; action: Action };

/** Lists and records longer than this are cut whatever their size: nobody reads 500 rows in an email. */
export const MAX_ROWS = 100;

export function heading(text: string, tone?: Tone): Block {
  return tone ? { type: 'heading', text, tone } : { type: 'heading', text };
}

export function subheading(text: string): Block {
  return { type: 'subheading', text };
}

export function paragraph(text: string, tone?: Tone): Block {
  return tone ? { type: 'paragraph', text, tone } : { type: 'paragraph', text };
}

/** A list; with `more`, one that may be cut (at MAX_ROWS, or to keep the email small), `left` items already left out. */
export function list(items: string[], more?: More, left = 0): Block {
  if (!more) return { type: 'list', items };
  return left > 0 ? { type: 'list', items, more, left } : { type: 'list', items, more };
}

export function command(text: string): Block {
  return { type: 'command', text };
}

export function records(columns: string[], rows: RecordRow[], more: More): Block {
  return { type: 'records', columns, rows, more };
}

/** "… and 1,234 more dashboards; sis-sync status lists them all." */
export function moreLine(left: number, more: More): string {
  return `… and ${left.toLocaleString('en-US')} more ${more.noun}; ${more.where}.`;
}

/** Names joined so that a comma inside a name cannot be read as a separator. */
export function joinNames(names: readonly string[]): string {
  return names.join('; ');
}
