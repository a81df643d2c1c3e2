import { NEWS_KINDS, type NewsKind, type SectionName } from './news.js';

// Who gets which sections. Each address gets at most one email per run, holding exactly the
// sections meant for it; addresses that get the same sections share one message.

export type RecipientLists = Readonly<Record<NewsKind, readonly string[]>>;

export interface Addressee {
  recipients: string[];
  sections: SectionName[];
}

/** Section order in every email: what needs action first. */
const SECTION_ORDER: readonly SectionName[] = ['held', 'errors', 'drift', 'missingUsers', 'changes', 'heartbeat'];

export function addressees(lists: RecipientLists, available: ReadonlySet<SectionName>): Addressee[] {
  const byAddress = new Map<string, { address: string; sections: Set<SectionName> }>();
  const add = (address: string, section: SectionName) => {
    // Mail systems treat the local part as case-sensitive in theory and never in practice.
    const key = address.toLowerCase();
    const entry = byAddress.get(key) ?? { address, sections: new Set<SectionName>() };
    entry.sections.add(section);
    byAddress.set(key, entry);
  };
  for (const kind of NEWS_KINDS) {
    if (!available.has(kind)) continue;
    for (const address of lists[kind]) add(address, kind);
  }
  // The heartbeat tells the people who would hear about failures that silence means all is well.
  if (available.has('heartbeat')) for (const address of lists.errors) add(address, 'heartbeat');

  const groups = new Map<string, Addressee>();
  for (const { address, sections } of byAddress.values()) {
    const ordered = SECTION_ORDER.filter((s) => sections.has(s));
    const key = ordered.join(',');
    const group = groups.get(key) ?? { recipients: [], sections: ordered };
    group.recipients.push(address);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export function allRecipients(lists: RecipientLists): string[] {
  const seen = new Map<string, string>();
  for (const kind of NEWS_KINDS)
    for (const address of lists[kind]) if (!seen.has(address.toLowerCase())) seen.set(address.toLowerCase(), address);
  return [...seen.values()];
}

export function kindsFor(lists: RecipientLists, address: string): NewsKind[] {
  return NEWS_KINDS.filter((kind) => lists[kind].some((a) => a.toLowerCase() === address.toLowerCase()));
}
