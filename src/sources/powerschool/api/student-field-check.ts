import { ApiError, SourceError } from '../../../errors.js';
import type { StudentField } from '../queries/student-fields.js';
import { AccessRequestError } from './access-request-error.js';
import type { PowerSchoolClient } from './client.js';

// `sis-sync check` for one extra student field (powerschool.studentFields): one row of the field
// and the column keying it, through the schema table API as the REST source reads it. A refusal
// becomes what to fix: 403, the plugin lacks the access request (rebuild it with --config and
// install it again); 404, no such table; 400, no such column, or a table without STUDENTSDCID.

const REBUILD =
  'Rebuild the plugin with `npm run plugin -- --config <your config file> --plugin-version <a higher version>`, which adds an access request for each of powerschool.studentFields, and install the zip under System > System Settings > Plugin Management Dashboard (then enable it).';

export async function checkStudentField(client: PowerSchoolClient, field: StudentField): Promise<string> {
  const table = field.table.toLowerCase();
  const what = describe(field);
  try {
    const rows = await client.tablePage(table, [field.keyField, field.field], 1, 1);
    return `readable (${rows.length ? 'a first row read' : 'the table is empty'})`;
  } catch (error) {
    if (error instanceof AccessRequestError) {
      throw new SourceError(`${what}: the plugin has no access to ${error.fields.map((f) => `${f.table}.${f.field}`).join(', ')}`, {
        code: 'POWERSCHOOL_STUDENT_FIELD_ACCESS',
        hint: REBUILD,
        cause: error,
      });
    }
    if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 400)) throw error;
    if (error.status === 404) {
      throw new SourceError(`${what}: PowerSchool has no table ${field.table} (HTTP 404)`, {
        code: 'POWERSCHOOL_STUDENT_FIELD_MISSING',
        hint: `Correct the table name in powerschool.studentFields (System > Page and Data Management > Database Extensions lists the extensions of STUDENTS), then rebuild and reinstall the plugin. ${REBUILD}`,
        cause: error,
      });
    }
    throw await missingColumn(client, field, what, error);
  }
}

/**
 * A 400 names no column in a way worth parsing: asking for the key column alone tells which one
 * is missing (a 403 for it still says that the column exists).
 */
async function missingColumn(client: PowerSchoolClient, field: StudentField, what: string, cause: ApiError): Promise<SourceError> {
  const keyExists = await client.tablePage(field.table.toLowerCase(), [field.keyField], 1, 1).then(
    () => true,
    (error: unknown) => !(error instanceof ApiError && error.status === 400),
  );
  if (keyExists) {
    return new SourceError(`${what}: ${field.table} has no column ${field.field} (HTTP 400)`, {
      code: 'POWERSCHOOL_STUDENT_FIELD_MISSING',
      hint: `Correct the column name in powerschool.studentFields, then rebuild and reinstall the plugin: PowerSchool refuses to enable a plugin that asks for a column it does not have. ${REBUILD}`,
      cause,
    });
  }
  return new SourceError(
    `${what}: ${field.table} has no column ${field.keyField}, so it is not a one-to-one extension of STUDENTS (HTTP 400)`,
    {
      code: 'POWERSCHOOL_STUDENT_FIELD_TABLE',
      hint: 'powerschool.studentFields may read only STUDENTS and tables with one row per student keyed by STUDENTSDCID; remove this field (and the table from powerschool.studentExtensionTables if it is listed there).',
      cause,
    },
  );
}

function describe(field: StudentField): string {
  return `powerschool.studentFields "${field.name}" (${field.table}.${field.field})`;
}
