import { PLUGIN_LIMITS } from './plugin-limits.js';
import { fieldKey, type FieldRef } from './query-definition.js';

// Extra student fields a district asks for (`powerschool.studentFields`): a STUDENTS column or a
// column of a one-to-one extension of STUDENTS (U_STUDENTSUSERFIELDS, S_STU_X ...), written
// "TABLE.FIELD" or "name=TABLE.FIELD". They are read through PowerSchool's schema table API,
// so that no SQL changes per district; only the plugin's access_request grows. One access
// request PowerSchool cannot grant (a misspelt table or column) stops it from enabling the whole
// plugin, so each field is checked before it goes in.

export interface StudentField {
  /** The key under which the value appears in a roster student's `fields`. */
  name: string;
  /** Upper case. */
  table: string;
  field: string;
  /** The column joining a row to its student: STUDENTS.DCID, or STUDENTSDCID in an extension. */
  keyField: string;
}

const ENTRY = /^(?:([a-z][a-z0-9_]*)\s*=\s*)?([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)$/i;
/** PowerSchool's access_request takes table and field names of at most 30 characters, Oracle's old identifier limit. */
const NAME_MAX = Math.min(PLUGIN_LIMITS.accessTable.max, PLUGIN_LIMITS.accessField.max);

/** Parses one entry; returns a sentence saying what is wrong, to complete "<key>: ...". */
export function parseStudentField(entry: string): StudentField | string {
  const match = ENTRY.exec(entry.trim());
  if (!match) return `"${entry}" must be TABLE.FIELD or name=TABLE.FIELD, e.g. counselor=U_STUDENTSUSERFIELDS.COUNSELOR`;
  const table = (match[2] as string).toUpperCase();
  const field = (match[3] as string).toUpperCase();
  const long = [table, field].find((name) => name.length > NAME_MAX);
  if (long) return `"${entry}": ${long} is ${long.length} characters; PowerSchool table and column names have at most ${NAME_MAX}`;
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

/**
 * Tables known to hold one row per student, keyed by STUDENTSDCID: STUDENTCOREFIELDS, the
 * district's own database extensions (PowerSchool requires the U_ prefix: U_DEF_EXT_STUDENTS,
 * U_STUDENTSUSERFIELDS ...) and the state and federal reporting extensions (S_STU_X,
 * S_NC_STU_X, S_STU_CRDC_X ...). Others need the district's word (studentExtensionTables).
 */
const ONE_TO_ONE = [/^STUDENTCOREFIELDS$/, /^U_[A-Z0-9_]+$/, /^S_(?:[A-Z0-9]+_)*STU(?:_[A-Z0-9]+)*_X$/];

export interface StudentFieldRules {
  /** Every TABLE.FIELD the roster queries read already. */
  alreadyRead: readonly FieldRef[];
  /** Further one-to-one extensions of STUDENTS the district vouches for (powerschool.studentExtensionTables). */
  extensionTables: readonly string[];
}

/** A sentence saying why a parsed field may not go into the plugin, or undefined. */
export function studentFieldProblem(field: StudentField, rules: StudentFieldRules): string | undefined {
  const entry = `"${field.name}=${field.table}.${field.field}"`;
  const extra = rules.extensionTables.map((t) => t.toUpperCase());
  if (field.table !== 'STUDENTS' && !extra.includes(field.table) && !ONE_TO_ONE.some((pattern) => pattern.test(field.table))) {
    return (
      `${entry}: ${field.table} is neither STUDENTS nor a known one-to-one extension of it (STUDENTCOREFIELDS, U_..., S_..._STU_..._X). ` +
      `A field of a table with several rows per student cannot be a student field. If ${field.table} does hold one row per student, ` +
      `keyed by STUDENTSDCID, add "${field.table}" to powerschool.studentExtensionTables`
    );
  }
  if (field.field === field.keyField) {
    return `${entry}: ${field.table}.${field.field} is the column that joins the table to its student, not a field to read`;
  }
  if (rules.alreadyRead.some((ref) => fieldKey(ref) === `${field.table}.${field.field}`)) {
    return `${entry}: the roster queries read ${field.table}.${field.field} already; use the roster's own value (e.g. grade, school, student_number) instead of listing it`;
  }
  return undefined;
}
