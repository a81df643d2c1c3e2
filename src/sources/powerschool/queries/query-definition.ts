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
 * The column a query is read by, page after page (keyset paging): the query orders by it and
 * takes the rows with `after_id < key <= up_to_id`, so that each page is a range of an index.
 */
export interface QueryKey extends FieldRef {
  /** The SQL reference (`cc.id`), and the result column that returns it (`cc_id`). */
  sql: string;
  column: string;
}

/** The arguments of the key range every keyed query takes. */
export const KEY_ARGS = { after: 'after_id', upTo: 'up_to_id' } as const;

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
  /** The key it is read by (every shipped roster query has one: `-- key: alias.field`). */
  key: QueryKey | undefined;
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

  const key = keyOf(file, header, aliases, columns, masked, args);
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
    key,
    fieldsRead,
    sql,
  };
}

function keyOf(
  file: string,
  header: ReadonlyArray<[string, string]>,
  aliases: ReadonlyMap<string, string>,
  columns: readonly QueryColumn[],
  masked: string,
  args: readonly QueryArg[],
): QueryKey | undefined {
  const lines = header.filter(([k]) => k === 'key');
  if (lines.length === 0) return undefined;
  if (lines.length > 1) throw new QueryFileError(file, 'has more than one "-- key:" line');
  const sql = (lines[0] as [string, string])[1];
  const match = /^([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)$/i.exec(sql);
  const table = match ? aliases.get(match[1] as string) : undefined;
  if (!match || !table) throw new QueryFileError(file, `key "${sql}" is not alias.field of a table of the FROM clause`);
  const ref = { table: table.toUpperCase(), field: (match[2] as string).toUpperCase() };
  const column = columns.find((c) => c.table === ref.table && c.field === ref.field);
  if (!column) throw new QueryFileError(file, `key ${sql} is returned by no column`);
  for (const arg of Object.values(KEY_ARGS)) {
    if (!args.some((a) => a.name === arg)) throw new QueryFileError(file, `a query with a key needs the arg ${arg}`);
  }
  // Keyset paging needs the rows in key order and nothing else: one page's last key is where the next begins.
  const order = masked
    .slice(topLevelKeyword(masked, 'order by') + 'order by'.length)
    .trim()
    .replace(/\s+/g, ' ');
  if (order.toLowerCase() !== sql.toLowerCase()) throw new QueryFileError(file, `a query with a key must be ORDER BY ${sql} alone`);
  return { ...ref, sql, column: column.name };
}

export function fieldKey(ref: FieldRef): string {
  return `${ref.table}.${ref.field}`;
}

export function uniqueSorted(refs: FieldRef[]): FieldRef[] {
  const byKey = new Map(refs.map((ref) => [fieldKey(ref), ref]));
  return [...byKey.keys()].sort().map((key) => byKey.get(key) as FieldRef);
}
