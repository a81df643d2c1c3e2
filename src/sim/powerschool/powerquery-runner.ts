import type { QueryDefinition } from '../../sources/powerschool/queries/query-definition.js';
import type { SimDatabase } from './database.js';
import type { Statement } from 'better-sqlite3';

// Runs a plugin's PowerQuery on the simulator database the way PowerSchool serves it: the SQL
// unchanged with the request's arguments bound, counted, or cut into 1-based pages; and counts
// the rows the server evaluates for each request, as PowerSchool's Oracle would. A count or a
// page by position evaluates the whole query (PowerSchool runs it again for every page). Page 1
// of a keyed query (ORDER BY its key, with a key range) is an index range scan that stops at the
// page's last row: it evaluates the rows it returns, and is run here with a LIMIT, the same way.
//
// Pages come from one run of the SQL, kept (as the records PowerSchool sends) until the data changes. Paging with LIMIT/OFFSET
// re-ran the whole join for every page, which made a 300,000-row query quadratic: the benchmark's
// district took the simulator tens of seconds to page through. Any change to the data, by this
// connection (total_changes) or another one (data_version), drops what was kept, so a read that
// spans a change still sees it, page by page, as it would on PowerSchool.

export type QueryArgs = Record<string, unknown>;

/** The bind variable of a keyed page's row limit; no query of ours has an argument of that name. */
const PAGE_LIMIT_ARG = 'sim_page_limit';

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

export class PowerQueryRunner {
  private readonly results = new Map<string, Array<Record<string, string>>>();
  private version = '';
  private readonly changes;
  /**
   * Prepared statements by SQL text: a page by key runs the same statement with other
   * arguments, as PowerSchool's Oracle reuses a cursor, instead of compiling the join again.
   */
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: SimDatabase) {
    this.changes = db.prepare('SELECT total_changes()').pluck();
  }

  count(query: QueryDefinition, body: QueryArgs): number {
    return this.rows(query, body).length;
  }

  /** One page of rows, keyed by column name, values as PowerSchool sends them (strings, nulls left out). */
  page(query: QueryDefinition, body: QueryArgs, page: number, pageSize: number): Array<Record<string, string>> {
    return this.evaluatePage(query, body, page, pageSize).rows;
  }

  /** A page, and the rows the server evaluated to answer it. */
  evaluatePage(
    query: QueryDefinition,
    body: QueryArgs,
    page: number,
    pageSize: number,
  ): { rows: Array<Record<string, string>>; evaluated: number } {
    if (query.key && page === 1) {
      const rows = this.run(query, `${query.sql}\nLIMIT :${PAGE_LIMIT_ARG}`, {
        ...bindArgs(query, body),
        [PAGE_LIMIT_ARG]: Math.max(0, Math.floor(pageSize)),
      });
      return { rows, evaluated: rows.length };
    }
    const all = this.rows(query, body);
    return { rows: all.slice((page - 1) * pageSize, page * pageSize), evaluated: all.length };
  }

  private run(query: QueryDefinition, sql: string, bound: Record<string, unknown>): Array<Record<string, string>> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql).raw();
      this.statements.set(sql, statement);
    }
    const names = query.columns.map((column) => column.name);
    // One pass from SQLite's row to the record PowerSchool sends: strings, nulls left out.
    return (statement.all(bound) as unknown[][]).map((values) => {
      const record: Record<string, string> = {};
      for (let i = 0; i < names.length; i++) {
        const value = values[i];
        if (value !== null && value !== undefined) record[names[i] as string] = String(value);
      }
      return record;
    });
  }

  private rows(query: QueryDefinition, body: QueryArgs): Array<Record<string, string>> {
    const bound = bindArgs(query, body);
    const version = `${String(this.db.pragma('data_version', { simple: true }))}:${String(this.changes.get())}`;
    if (version !== this.version) {
      this.results.clear();
      this.version = version;
    }
    const key = `${query.name}\u001f${JSON.stringify(bound)}`;
    let rows = this.results.get(key);
    if (!rows) {
      rows = this.run(query, query.sql, bound);
      this.results.set(key, rows);
    }
    return rows;
  }
}

/** A record as a query that is not flattened answers it: grouped under `tables.<table>.<field>`. */
export function groupedRecord(query: QueryDefinition, flat: Record<string, string>, index: number): Record<string, unknown> {
  const tables: Record<string, Record<string, string>> = {};
  for (const column of query.columns) {
    const value = flat[column.name];
    if (value === undefined) continue;
    const table = (tables[column.table.toLowerCase()] ??= {});
    // One value per TABLE.FIELD, the first column's: later ones mapped to it are computed from it.
    table[column.field.toLowerCase()] ??= value;
  }
  return { id: index, name: query.coreTable.toLowerCase(), tables };
}
