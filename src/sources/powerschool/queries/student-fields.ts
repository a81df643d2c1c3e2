import { type StudentField } from '../../../config/student-fields.js';
import { fieldKey, type FieldRef } from './query-definition.js';

// Which extra student fields (`powerschool.studentFields`, parsed in config/student-fields.ts)
// may go into the plugin. They are read through PowerSchool's schema table API, so that no SQL
// changes per district; only the plugin's access_request grows. One access request PowerSchool
// cannot grant (a misspelt table or column) stops it from enabling the whole plugin, so each
// field is checked before it goes in.

// The PowerSchool sources take the parsed fields and their checks from this one file.
export { parseStudentField, parseStudentFields, type StudentField } from '../../../config/student-fields.js';

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
