// Extra student fields a district asks for (`powerschool.studentFields`), parsed here because
// the setting is checked when the configuration loads; the PowerSchool sources take the parsed
// fields from here and check them further against their queries (sources/powerschool/queries/
// student-fields.ts). An entry is a STUDENTS column or a column of a one-to-one extension of
// STUDENTS (U_STUDENTSUSERFIELDS, S_STU_X ...), written "TABLE.FIELD" or "name=TABLE.FIELD".

export interface StudentField {
  /** The key under which the value appears in a roster student's `fields`. */
  name: string;
  /** Upper case. */
  table: string;
  field: string;
  /** The column joining a row to its student: STUDENTS.DCID, or STUDENTSDCID in an extension. */
  keyField: string;
}

/**
 * PowerSchool's access_request takes table and field names of at most 30 characters (plugin.xsd
 * string30, Oracle's old identifier limit); the plugin's limits (PLUGIN_LIMITS) use this too.
 */
export const ACCESS_REQUEST_NAME_MAX = 30;

const ENTRY = /^(?:([a-z][a-z0-9_]*)\s*=\s*)?([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)$/i;

/** Parses one entry; returns a sentence saying what is wrong, to complete "<key>: ...". */
export function parseStudentField(entry: string): StudentField | string {
  const match = ENTRY.exec(entry.trim());
  if (!match) return `"${entry}" must be TABLE.FIELD or name=TABLE.FIELD, e.g. counselor=U_STUDENTSUSERFIELDS.COUNSELOR`;
  const table = (match[2] as string).toUpperCase();
  const field = (match[3] as string).toUpperCase();
  const long = [table, field].find((name) => name.length > ACCESS_REQUEST_NAME_MAX);
  if (long)
    return `"${entry}": ${long} is ${long.length} characters; PowerSchool table and column names have at most ${ACCESS_REQUEST_NAME_MAX}`;
  return {
    name: (match[1] ?? field).toLowerCase(),
    table,
    field,
    keyField: table === 'STUDENTS' ? 'DCID' : 'STUDENTSDCID',
  };
}

export function parseStudentFields(entries: readonly string[]): StudentField[] | string {
  const fields: StudentField[] = [];
  for (const entry of entries) {
    const parsed = parseStudentField(entry);
    if (typeof parsed === 'string') return parsed;
    if (fields.some((f) => f.name === parsed.name)) return `the name "${parsed.name}" is used twice`;
    fields.push(parsed);
  }
  return fields;
}
