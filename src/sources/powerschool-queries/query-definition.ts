import { bindNames, maskSql, qualifiedReferences, splitTopLevel, tableAliases, topLevelKeyword } from './sql-text.js';

// One PowerQuery as written in powerschool-plugin/queries/*.sql: a header of `-- key: value`
// lines, then one SELECT. From it come the plugin's named query (REST), the access requests
// and what the Oracle source runs, so that the three cannot drift apart.

export interface QueryArg {
  name: string;
  description: string;
}

export interface QueryColumn {
  /** The name a record carries the value under (the SQL alias, lower case). */
  name: string;
  /** The TABLE.FIELD the value comes from, upper case, as PowerSchool's `<column column=...>` wants it. */
  table: string;
  field: string;
}

export interface FieldRef {
  table: string;
  field: string;
}

/**
 * A column every row of a query carries, computed over the whole result each time the query ran
 * for a page: the sum of the rows' ids. A read whose pages disagree on it, or whose rows do not
 * add up to it, saw the data change between pages (see read-consistency.ts).
 */
export interface QueryFingerprint {
  idSum: typeof FINGERPRINT_ID_SUM;
  /** The column holding the id that id_sum sums. */
  id: string;
}

export const FINGERPRINT_ID_SUM = 'id_sum';

export interface QueryDefinition {
  /** Five-part PowerQuery name, e.g. org.sissync.aspiredu.roster.students. */
  name: string;
  file: string;
  summary: string;
  description: string;
  /** The table named first in FROM, upper case (PowerSchool's `coreTable`). */
  coreTable: string;
  args: QueryArg[];
  /** In SELECT order. */
  columns: QueryColumn[];
  /** When the query has the fingerprint columns (every shipped one does). */
  fingerprint: QueryFingerprint | undefined;
  /** Every TABLE.FIELD the query reads anywhere (select list, joins, filters, order), sorted. */
  fieldsRead: FieldRef[];
  /** The SQL without the header, as it goes into the plugin and to Oracle. */
  sql: string;
}

export class QueryFileError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'QueryFileError';
  }
}

const NAME_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){4}$/;

export function parseQueryFile(file: string, text: string): QueryDefinition {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const header: Array<[string, string]> = [];
  let bodyStart = 0;
  for (const [index, line] of lines.entries()) {
    const match = /^--\s*([a-z]+):\s*(.*)$/.exec(line);
    if (!match) {
      bodyStart = index;
      break;
    }
    header.push([match[1] as string, (match[2] as string).trim()]);
  }
  const one = (key: string): string => {
    const values = header.filter(([k]) => k === key).map(([, v]) => v);
    if (values.length !== 1) throw new QueryFileError(file, `needs exactly one "-- ${key}:" header line`);
    return values[0] as string;
  };
  const name = one('name');
  if (!NAME_PATTERN.test(name)) throw new QueryFileError(file, `query name "${name}" must have five dot-separated lower-case parts`);
  const args = header
    .filter(([k]) => k === 'arg')
    .map(([, v]) => {
      const [argName = '', description = ''] = v.split('|').map((part) => part.trim());
      if (!/^[a-z][a-z0-9_]*$/.test(argName)) throw new QueryFileError(file, `arg "${argName}" is not a lower-case identifier`);
      return { name: argName, description };
    });

  const sql = lines.slice(bodyStart).join('\n').trim().replace(/;\s*$/, '');
  if (sql.includes(']]>')) throw new QueryFileError(file, 'the SQL may not contain "]]>" (it goes into a CDATA section)');
  const masked = maskSql(sql);
  if (!/^select\b/i.test(masked.trim())) throw new QueryFileError(file, 'the SQL must be one SELECT');
  const fromAt = topLevelKeyword(masked, 'from');
  if (fromAt < 0) throw new QueryFileError(file, 'no FROM at the top level');
  if (topLevelKeyword(masked, 'order by', fromAt) < 0) {
    throw new QueryFileError(file, 'needs an ORDER BY: paging returns rows in an unspecified order without one');
  }

  const aliases = tableAliases(masked);
  const resolve = (qualifier: string, field: string, where: string): FieldRef => {
    const table = aliases.get(qualifier);
    if (!table) throw new QueryFileError(file, `${where}: "${qualifier}.${field}" names no table or alias of the FROM clause`);
    return { table: table.toUpperCase(), field: field.toUpperCase() };
  };

  const columns = splitTopLevel(masked.slice(masked.search(/\bselect\b/i) + 'select'.length, fromAt)).map((item, index) => {
    const aliasMatch = /\bas\s+([a-z_][a-z0-9_]*)\s*$/i.exec(item.trim());
    if (!aliasMatch) throw new QueryFileError(file, `select item ${index + 1} ("${item.trim()}") needs "AS name"`);
    const ref = qualifiedReferences(item.trim().slice(0, aliasMatch.index))[0];
    if (!ref) throw new QueryFileError(file, `select item ${index + 1} reads no TABLE.FIELD; PowerSchool needs one per column`);
    return { name: (aliasMatch[1] as string).toLowerCase(), ...resolve(ref.qualifier, ref.field, `select item ${index + 1}`) };
  });
  const duplicate = columns.find((c, i) => columns.findIndex((d) => d.name === c.name) !== i);
  if (duplicate) throw new QueryFileError(file, `column name "${duplicate.name}" is used twice`);

  const fingerprint = fingerprintOf(file, columns);
  const fieldsRead = uniqueSorted(qualifiedReferences(masked).map((ref) => resolve(ref.qualifier, ref.field, 'the SQL')));
  const declared = new Set(args.map((a) => a.name));
  const used = bindNames(masked);
  const undeclared = used.filter((b) => !declared.has(b));
  if (undeclared.length) throw new QueryFileError(file, `binds ${undeclared.map((b) => `:${b}`).join(', ')} without an "-- arg:" line`);
  const unused = args.filter((a) => !used.includes(a.name));
  if (unused.length) throw new QueryFileError(file, `declares arg ${unused.map((a) => a.name).join(', ')} but never binds it`);

  const coreTable = (/\bfrom\s+([a-z_][a-z0-9_$]*)/i.exec(masked.slice(fromAt))?.[1] ?? '').toUpperCase();
  return {
    name,
    file,
    summary: one('summary'),
    description: one('description'),
    coreTable,
    args,
    columns,
    fingerprint,
    fieldsRead,
    sql,
  };
}

function fingerprintOf(file: string, columns: readonly QueryColumn[]): QueryFingerprint | undefined {
  const sum = columns.find((c) => c.name === FINGERPRINT_ID_SUM);
  if (!sum) return undefined;
  const id = columns.find((c) => c !== sum && c.table === sum.table && c.field === sum.field);
  if (!id) throw new QueryFileError(file, `${FINGERPRINT_ID_SUM} sums ${fieldKey(sum)}, which no other column returns`);
  return { idSum: FINGERPRINT_ID_SUM, id: id.name };
}

export function fieldKey(ref: FieldRef): string {
  return `${ref.table}.${ref.field}`;
}

export function uniqueSorted(refs: FieldRef[]): FieldRef[] {
  const byKey = new Map(refs.map((ref) => [fieldKey(ref), ref]));
  return [...byKey.keys()].sort().map((key) => byKey.get(key) as FieldRef);
}
