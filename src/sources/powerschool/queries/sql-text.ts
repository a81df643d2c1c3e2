// Small lexical helpers for the PowerQuery SQL files: enough to find the select list, the
// tables and the TABLE.FIELD references of the plain Oracle/SQLite subset those files use.
// Not a SQL parser: the files are ours, and a test runs every one of them on SQLite.

/** The SQL with comments removed and string literals blanked, same length, so offsets still match. */
export function maskSql(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const two = sql.slice(i, i + 2);
    if (two === '--') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (two === '/*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += sql.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (sql[i] === "'") {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === "'" && sql[j + 1] !== "'")) j += sql[j] === "'" ? 2 : 1;
      out += `'${' '.repeat(Math.max(0, j - i - 1))}'`;
      i = j + 1;
    } else {
      out += sql[i];
      i++;
    }
  }
  return out;
}

/** Splits on commas that are not inside parentheses. */
export function splitTopLevel(text: string, separator = ','): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Offset of a keyword at parenthesis depth 0, or -1. */
export function topLevelKeyword(masked: string, keyword: string, from = 0): number {
  const pattern = new RegExp(`\\b${keyword.replace(/ /g, '\\s+')}\\b`, 'gi');
  pattern.lastIndex = from;
  for (let match = pattern.exec(masked); match; match = pattern.exec(masked)) {
    if (depthAt(masked, match.index) === 0) return match.index;
  }
  return -1;
}

function depthAt(text: string, offset: number): number {
  let depth = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
  }
  return depth;
}

const KEYWORDS_AFTER_TABLE = 'on|where|join|left|right|inner|outer|cross|full|group|order|union';

/** Table aliases of FROM and JOIN clauses (`FROM students s`, `JOIN cc`): alias → table, both lower case. */
export function tableAliases(masked: string): Map<string, string> {
  const aliases = new Map<string, string>();
  const pattern = new RegExp(`\\b(?:from|join)\\s+([a-z_][a-z0-9_$]*)(?:\\s+(?!(?:${KEYWORDS_AFTER_TABLE})\\b)([a-z_][a-z0-9_$]*))?`, 'gi');
  for (let match = pattern.exec(masked); match; match = pattern.exec(masked)) {
    const table = (match[1] as string).toLowerCase();
    aliases.set(table, table);
    if (match[2]) aliases.set(match[2].toLowerCase(), table);
  }
  return aliases;
}

/** Every `qualifier.field` in the masked SQL, in order of appearance. */
export function qualifiedReferences(masked: string): Array<{ qualifier: string; field: string }> {
  const refs: Array<{ qualifier: string; field: string }> = [];
  const pattern = /\b([a-z_][a-z0-9_$]*)\.([a-z_][a-z0-9_$]*)\b/gi;
  for (let match = pattern.exec(masked); match; match = pattern.exec(masked)) {
    refs.push({ qualifier: (match[1] as string).toLowerCase(), field: (match[2] as string).toLowerCase() });
  }
  return refs;
}

/** Named bind variables (`:as_of_date`), lower case, without duplicates. */
export function bindNames(masked: string): string[] {
  const names = new Set<string>();
  for (const match of masked.matchAll(/(?<![:\w]):([a-z_][a-z0-9_]*)/gi)) names.add((match[1] as string).toLowerCase());
  return [...names];
}
