// Reads the missing-user part of a digest's plain text, as a registrar would: who is named as
// new, who as still missing, who as no longer missing. Tables are cut into columns by the dash
// line under their header, so that names with spaces stay whole.

export type MissingListName = 'new' | 'still' | 'noLonger';

export interface MissingLists {
  new: string[];
  still: string[];
  noLonger: string[];
  /** A list cut short ("… and 12 more people"): it cannot be checked in full. */
  truncated: boolean;
}

const HEADINGS: Array<[RegExp, MissingListName]> = [
  [/^New since the last report \(\d+\)$/, 'new'],
  [/^Still missing \(\d+\)$/, 'still'],
  [/^No longer missing \(\d+\)$/, 'noLonger'],
];

export function missingListsOf(text: string): MissingLists {
  const lists: MissingLists = { new: [], still: [], noLonger: [], truncated: false };
  const lines = text.split(/\r?\n/);
  let current: MissingListName | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const heading = HEADINGS.find(([pattern]) => pattern.test(line.trim()));
    if (heading && /^-+$/.test((lines[i + 1] ?? '').trim())) {
      current = heading[1];
      i++;
      continue;
    }
    // Any other heading ends the list.
    if (/^[-=]+$/.test((lines[i + 1] ?? '').trim()) && line.trim() !== '') current = undefined;
    if (!current) continue;
    if (/^… and [\d,]+ more/.test(line.trim())) lists.truncated = true;
    if (/^\s+-+(\s+-+)*\s*$/.test(lines[i + 1] ?? '') && /^\s+Person\s/.test(line)) {
      const columns = columnsOf(lines[i + 1] as string);
      const idColumn = columns.findIndex((c) => line.slice(c.start, c.end).trim() === 'Id');
      for (i += 2; i < lines.length && (lines[i] as string).trim() !== ''; i++) {
        const cell = columns[idColumn];
        if (cell) lists[current].push((lines[i] as string).slice(cell.start, cell.end).trim());
      }
    }
  }
  return lists;
}

function columnsOf(dashes: string): Array<{ start: number; end: number }> {
  const columns: Array<{ start: number; end: number }> = [];
  for (const match of dashes.matchAll(/-+/g)) columns.push({ start: match.index, end: match.index + match[0].length });
  return columns;
}
