// Characters no dashboard name or user id may hold, wherever it comes from (rows files, the
// mapping module, names made from SIS data): one check, so that every way in refuses the same.
//   - C0 controls U+0000–U+001F, DEL U+007F and C1 controls U+0080–U+009F: a NUL cuts the text
//     short in C code and databases on the way; none prints. Whitespace controls (tab, line
//     break) in dashboard names are folded to one space before this check (normaliseDashboardName).
//   - Bidirectional embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069: they
//     reorder how the text shows ("Trojan Source", CVE-2021-42574), so that a dashboard can read
//     as another in the web application and in digests.
// The marks U+200E/U+200F (LRM, RLM) are allowed: Hebrew and Arabic names need them to show
// digits and Latin text in the right order, and they reorder no text beyond their own position.

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** What is wrong with the text ("holds the control character U+0000 at character 3"), or undefined. */
export function unsafeCharacterProblem(text: string): string | undefined {
  const match = UNSAFE.exec(text);
  if (!match) return undefined;
  const code = match[0].codePointAt(0) as number;
  const what = code >= 0x202a ? 'the bidirectional control' : 'the control character';
  const position = [...text.slice(0, match.index)].length + 1;
  return `holds ${what} U+${code.toString(16).toUpperCase().padStart(4, '0')} at character ${position}; remove it at the source`;
}

/** The text with those characters written as \u escapes: safe to print in a message about it. */
export function escapeUnsafeCharacters(text: string): string {
  return text.replace(new RegExp(UNSAFE.source, 'gu'), (c) => `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, '0')}`);
}
