// Reads the missing-user part of a digest's plain text, as a registrar would: who is named as
// new, who as still missing, who as no longer missing. Each person is an entry: "  - Name" and
// under it "    Id: 100234; School: …", so the id is read from its own labelled line.

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
    const id = /^ {4}Id: ([^;]+?)(;|$)/.exec(line)?.[1];
    if (id !== undefined) lists[current].push(id.trim());
  }
  return lists;
}
