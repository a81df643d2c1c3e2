import type { QueryDefinition } from './query-definition.js';

// For each keyed query, a small PowerQuery that gives the lowest and highest key of its table:
// two ends of an index, cheap on Oracle however large the table. The REST source cuts the range
// between them into slices that it reads side by side (see keyset-read.ts).

export const BOUNDS_SUFFIX = '_bounds';
export const BOUNDS_COLUMNS = { min: 'min_id', max: 'max_id' } as const;

export function boundsQueryName(query: QueryDefinition): string {
  return `${query.name}${BOUNDS_SUFFIX}`;
}

/** The bounds query of a keyed query; undefined for a query without a key. */
export function boundsQuery(query: QueryDefinition): QueryDefinition | undefined {
  const { key } = query;
  if (!key) return undefined;
  const ref = { table: key.table, field: key.field };
  const column = `k.${key.field.toLowerCase()}`;
  return {
    name: boundsQueryName(query),
    file: query.file,
    summary: `Lowest and highest ${key.table}.${key.field}`,
    description: `Where sis-sync's read of ${query.name} by ${key.table}.${key.field} starts and ends: two ends of an index, not a scan of the table.`,
    coreTable: key.table,
    args: [],
    columns: [
      { name: BOUNDS_COLUMNS.min, ...ref },
      { name: BOUNDS_COLUMNS.max, ...ref },
    ],
    key: undefined,
    fieldsRead: [ref],
    sql: `SELECT\n  MIN(${column}) AS ${BOUNDS_COLUMNS.min},\n  MAX(${column}) AS ${BOUNDS_COLUMNS.max}\nFROM ${key.table.toLowerCase()} k`,
  };
}
