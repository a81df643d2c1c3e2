import { MemberList } from './member-list.js';
import type { Members } from './model.js';

// Yesterday's snapshot of a dashboard, stored as JSON, is most days exactly today's members.
// Reading it costs a million strings and pairs at district scale; recognising it costs nothing:
// one pass over the text against today's sorted ids, no allocation. Only a changed dashboard is
// parsed.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const FIRST_PRINTABLE = 0x20;

/**
 * True when `text` is exactly what the state store writes for `members`
 * (JSON.stringify(membersToJson(members)): sorted [id, isAlly] pairs, no spaces). False for
 * anything else, a different member list or merely a different spelling of the same one: the
 * caller then parses it, so false is always safe.
 */
export function isStoredFormOf(text: string, members: Members): boolean {
  if (!(members instanceof MemberList)) return false;
  const { ids } = members;
  let at = 0;
  if (text.charCodeAt(at++) !== 0x5b) return false; // [
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as string;
    // An id JSON would escape is written differently from the id itself; and a raw one could
    // spell out several members (`a",false],["b`). Such ids, never seen in a SIS, go to the parser.
    if (needsEscape(id)) return false;
    if (i > 0 && text.charCodeAt(at++) !== 0x2c) return false; // ,
    if (text.charCodeAt(at++) !== 0x5b || text.charCodeAt(at++) !== QUOTE) return false; // ["
    if (!text.startsWith(id, at)) return false;
    at += id.length;
    if (text.charCodeAt(at++) !== QUOTE || text.charCodeAt(at++) !== 0x2c) return false; // ",
    const flag = members.isAlly(id) ? 'true' : 'false';
    if (!text.startsWith(flag, at)) return false;
    at += flag.length;
    if (text.charCodeAt(at++) !== 0x5d) return false; // ]
  }
  return text.charCodeAt(at++) === 0x5d && at === text.length; // ] and nothing after
}

function needsEscape(id: string): boolean {
  for (let i = 0; i < id.length; i++) {
    const code = id.charCodeAt(i);
    if (code === QUOTE || code === BACKSLASH || code < FIRST_PRINTABLE) return true;
  }
  return false;
}
