import type { FieldRef } from '../../sources/powerschool/queries/query-definition.js';
import { tableColumns, type SimDatabase } from './database.js';
import { stringifyValues } from './wire-format.js';

// PowerSchool's schema table API (`/ws/schema/table/{table}` with `projection`, `page`,
// `pagesize`, and `/count`), which sis-sync uses for extra student fields. Each record comes
// grouped under `tables.<table>`, as PowerSchool sends it.

export type SchemaTableResult = { kind: 'not-found' } | { kind: 'bad-field'; field: string } | { kind: 'ok'; fields: FieldRef[] };

export function resolveProjection(db: SimDatabase, table: string, projection: string): SchemaTableResult {
  const columns = tableColumns(db, table);
  if (columns.length === 0) return { kind: 'not-found' };
  const wanted = projection
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  const fields = wanted.length === 0 || wanted.includes('*') ? columns : wanted;
  const bad = fields.find((f) => !columns.includes(f));
  if (bad) return { kind: 'bad-field', field: bad };
  return { kind: 'ok', fields: fields.map((field) => ({ table: table.toUpperCase(), field: field.toUpperCase() })) };
}

export function countTable(db: SimDatabase, table: string): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

export function tablePage(
  db: SimDatabase,
  table: string,
  fields: FieldRef[],
  page: number,
  pageSize: number,
): Array<Record<string, unknown>> {
  const names = fields.map((f) => f.field.toLowerCase());
  const rows = db
    .prepare(`SELECT rowid AS __rowid, ${names.join(', ')} FROM ${table} ORDER BY rowid LIMIT ? OFFSET ?`)
    .all(pageSize, (page - 1) * pageSize) as Array<Record<string, unknown>>;
  return rows.map(({ __rowid, ...row }) => ({
    id: __rowid,
    name: table.toLowerCase(),
    tables: { [table.toLowerCase()]: stringifyValues(row) },
  }));
}
