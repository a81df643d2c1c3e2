// A digest is written once as blocks, then rendered as plain text and as HTML, so that the two
// parts of an email always say the same thing.

export type Tone = 'alert' | 'ok' | 'muted';

export type Block =
  | { type: 'heading'; text: string; tone?: Tone }
  | { type: 'subheading'; text: string }
  | { type: 'paragraph'; text: string; tone?: Tone }
  | { type: 'list'; items: string[] }
  | { type: 'table'; headers: string[]; rows: Array<Array<string | number>> }
  /** A command a person types, shown in a fixed-width font. */
  | { type: 'command'; text: string };

/** Tables and lists longer than this are cut, with a line saying how many were left out. */
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

export function list(items: string[]): Block {
  return { type: 'list', items };
}

export function command(text: string): Block {
  return { type: 'command', text };
}

/** A table of at most `max` rows, followed by a line counting the rest. */
export function cappedTable(headers: string[], rows: Array<Array<string | number>>, more: string, max = MAX_ROWS): Block[] {
  if (rows.length <= max) return [{ type: 'table', headers, rows }];
  return [
    { type: 'table', headers, rows: rows.slice(0, max) },
    paragraph(`… and ${(rows.length - max).toLocaleString('en-US')} more ${more}.`, 'muted'),
  ];
}

/** Numbers, with "-" for unknown, are right-aligned so that they line up. */
export function isNumericColumn(rows: ReadonlyArray<ReadonlyArray<string | number>>, column: number): boolean {
  return rows.some((row) => typeof row[column] === 'number') && rows.every((row) => typeof row[column] === 'number' || row[column] === '-');
}
