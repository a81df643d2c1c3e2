import type { QueryColumn } from '../queries/query-definition.js';

// PowerSchool's JSON quirks, handled here and nowhere else:
//  - a list of one element arrives as the element itself;
//  - an empty list arrives with its key missing, as null, or as "";
//  - numbers arrive as strings (and ids as numbers elsewhere), a null value as a missing key;
//  - `@expansions` and `@extensions` sit beside the data;
//  - a PowerQuery that is not flattened groups each record's values under `tables.<table>`.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whatever PowerSchool sent where a list belongs, as a list. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** `container[outer][inner]` as a list: {"students":{"student":[..]}}, {"students":""}, {"record":{..}} ... */
export function listAt(container: unknown, ...keys: string[]): unknown[] {
  let node: unknown = container;
  for (const key of keys) {
    if (!isObject(node)) return [];
    node = node[key];
  }
  return asList(node);
}

/** A scalar as text; null for a missing value. Numbers and booleans become their usual text. */
export function asText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** A whole number sent as a number or as text ("12", "12.0"); null when missing; NaN when it is no number. */
export function asInteger(value: unknown): number | null {
  const text = asText(value);
  if (text === null || text.trim() === '') return null;
  const number = Number(text);
  return Number.isInteger(number) ? number : Number.NaN;
}

/** The object without PowerSchool's `@expansions` / `@extensions` keys. */
export function withoutMeta(value: JsonObject): JsonObject {
  const { ['@expansions']: _expansions, ['@extensions']: _extensions, ...rest } = value;
  return rest;
}

/**
 * One PowerQuery record as `column name → value`, whether the query answered flattened
 * ({"student_id":"1"}) or grouped ({"tables":{"students":{"id":"1"}}}), using the query's columns
 * to find grouped values. Keys are matched without regard to case.
 */
export function queryRecord(record: unknown, columns: readonly QueryColumn[]): Record<string, unknown> {
  if (!isObject(record)) return {};
  if (!isObject(record.tables)) return asPlainRecord(record);
  const tables = new Map(
    Object.entries(record.tables).map(([name, values]) => [name.toLowerCase(), isObject(values) ? lowerKeys(values) : {}]),
  );
  // A grouped record holds one value per TABLE.FIELD: that of the first column mapped to it. Later
  // ones (the bounds queries' min_id and max_id, both on the key field) cannot be told apart and are left out.
  const out: Record<string, unknown> = {};
  const taken = new Set<string>();
  for (const column of columns) {
    const field = `${column.table}.${column.field}`.toLowerCase();
    if (taken.has(field)) continue;
    taken.add(field);
    const value = tables.get(column.table.toLowerCase())?.[column.field.toLowerCase()];
    if (value !== undefined) out[column.name] = value;
  }
  return out;
}

/** A schema-table record's values: {"tables":{"u_studentsuserfields":{...}}} → {...}, keys lower case. */
export function tableRecord(record: unknown, table: string): Record<string, unknown> {
  if (!isObject(record)) return {};
  const tables = isObject(record.tables) ? record.tables : undefined;
  if (!tables) return asPlainRecord(record);
  const key = Object.keys(tables).find((name) => name.toLowerCase() === table.toLowerCase());
  const values = key === undefined ? undefined : tables[key];
  return isObject(values) ? lowerKeys(values) : {};
}

/**
 * The record itself when its keys are already lower case and carry no `@` metadata, as a
 * flattened PowerQuery's are: a large district's read has hundreds of thousands of records, and
 * copying each one twice cost more than parsing the JSON.
 */
function asPlainRecord(record: JsonObject): Record<string, unknown> {
  for (const key in record) {
    if (key.startsWith('@') || key !== key.toLowerCase()) return lowerKeys(withoutMeta(record));
  }
  return record;
}

function lowerKeys(value: JsonObject): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), v]));
}
