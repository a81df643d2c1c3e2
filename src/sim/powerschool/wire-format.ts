import { XMLBuilder } from 'fast-xml-parser';

// How PowerSchool puts data on the wire, quirks included: values as strings, null values left
// out, a list of one element sent as the element itself, an empty list sent as a missing key,
// null or "" (which one is configurable), `@expansions`/`@extensions` beside the data.

export type EmptyListStyle = 'missing' | 'null' | 'empty-string';

/** A PowerQuery or schema-table record: every value as a string, nulls left out. */
export function stringifyValues(row: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === null || value === undefined) continue;
    out[key] = String(value);
  }
  return out;
}

/** Puts `items` under `key` of `container` the way PowerSchool does. */
export function withList(
  container: Record<string, unknown>,
  key: string,
  items: unknown[],
  empty: EmptyListStyle,
): Record<string, unknown> {
  if (items.length === 1) return { ...container, [key]: items[0] };
  if (items.length > 1) return { ...container, [key]: items };
  if (empty === 'null') return { ...container, [key]: null };
  if (empty === 'empty-string') return { ...container, [key]: '' };
  return container;
}

const xml = new XMLBuilder({ format: false, suppressEmptyNode: true });

/** PowerSchool's XML error body: `<errorMessage><message>..</message><errors>..</errors></errorMessage>`. */
export function errorXml(body: { message: string; errors?: Array<Record<string, string>> }): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${xml.build({ errorMessage: body })}`;
}

export const STUDENT_EXTENSIONS = 'c_studentlocator,s_stu_crdc_x,s_stu_x,u_studentsuserfields,studentcorefields';
export const SCHOOL_EXPANSIONS = 'school_boundary, full_time_equivalencies, school_fees_setup';
