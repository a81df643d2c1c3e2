import type { QueryDefinition } from '../../sources/powerschool-queries/query-definition.js';
import type { SimDatabase } from './database.js';
import { stringifyValues } from './wire-format.js';

// Runs a plugin's PowerQuery on the simulator database the way PowerSchool serves it: the SQL
// unchanged with the request's arguments bound, counted, or cut into 1-based pages.

export type QueryArgs = Record<string, unknown>;

export class QueryArgError extends Error {}

export function bindArgs(query: QueryDefinition, body: QueryArgs): Record<string, unknown> {
  const bound: Record<string, unknown> = {};
  for (const arg of query.args) {
    const value = body[arg.name];
    if (value === undefined || value === null) throw new QueryArgError(`Missing required argument: ${arg.name}`);
    if (typeof value === 'object') throw new QueryArgError(`Argument ${arg.name} must be a single value`);
    bound[arg.name] = value;
  }
  return bound;
}

export function countQuery(db: SimDatabase, query: QueryDefinition, body: QueryArgs): number {
  const row = db.prepare(`SELECT COUNT(*) AS n FROM (${query.sql})`).get(bindArgs(query, body)) as { n: number };
  return row.n;
}

/** One page of rows, keyed by column name, values as PowerSchool sends them (strings, nulls left out). */
export function queryPage(
  db: SimDatabase,
  query: QueryDefinition,
  body: QueryArgs,
  page: number,
  pageSize: number,
): Array<Record<string, string>> {
  const rows = db
    .prepare(`${query.sql}\nLIMIT @__limit OFFSET @__offset`)
    .raw()
    .all({ ...bindArgs(query, body), __limit: pageSize, __offset: (page - 1) * pageSize }) as unknown[][];
  return rows.map((values) => stringifyValues(Object.fromEntries(query.columns.map((column, i) => [column.name, values[i]]))));
}

/** A record as a query that is not flattened answers it: grouped under `tables.<table>.<field>`. */
export function groupedRecord(query: QueryDefinition, flat: Record<string, string>, index: number): Record<string, unknown> {
  const tables: Record<string, Record<string, string>> = {};
  for (const column of query.columns) {
    const value = flat[column.name];
    if (value === undefined) continue;
    const table = (tables[column.table.toLowerCase()] ??= {});
    table[column.field.toLowerCase()] = value;
  }
  return { id: index, name: query.coreTable.toLowerCase(), tables };
}
