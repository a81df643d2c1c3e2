import type { Settings } from '../../../config/settings.js';
import { ConfigError } from '../../../errors.js';
import { loadQueryCatalog } from '../queries/catalog.js';
import { parseStudentFields, studentFieldProblem, type StudentField } from '../queries/student-fields.js';
import type { RosterOptions } from './roster-assembler.js';

// What both PowerSchool sources read, from `powerschool.*`: the identity fields, extra student
// fields, the term label. Checked once here so that the REST and Oracle sources refuse the same
// mistakes with the same words.

const BUILT_IN_STUDENT_IDS = ['student_number', 'dcid', 'id', 'state_studentnumber'];

/** Checks the shared roster settings; returns the parsed extra student fields. */
export function checkRosterSettings(settings: Settings): StudentField[] {
  const ps = settings.powerschool;
  const studentFields = parseStudentFields(ps.studentFields);
  if (typeof studentFields === 'string')
    throw new ConfigError(`powerschool.studentFields: ${studentFields}`, { code: 'CONFIG_INVALID', key: 'powerschool.studentFields' });
  const rules = { alreadyRead: loadQueryCatalog().queries.flatMap((q) => q.fieldsRead), extensionTables: ps.studentExtensionTables };
  for (const field of studentFields) {
    const problem = studentFieldProblem(field, rules);
    if (problem)
      throw new ConfigError(`powerschool.studentFields: ${problem}`, { code: 'CONFIG_INVALID', key: 'powerschool.studentFields' });
  }
  if (!BUILT_IN_STUDENT_IDS.includes(ps.studentIdField) && !studentFields.some((f) => f.name === ps.studentIdField)) {
    throw new ConfigError(
      `powerschool.studentIdField is "${ps.studentIdField}", which is neither ${BUILT_IN_STUDENT_IDS.join(', ')} nor the name of one of powerschool.studentFields`,
      {
        code: 'CONFIG_INVALID',
        key: 'powerschool.studentIdField',
        hint: 'To use a custom field as the SIS id, list it in powerschool.studentFields (e.g. "sis_id=U_STUDENTSUSERFIELDS.SIS_ID") and name it here.',
      },
    );
  }
  return studentFields;
}

export function rosterOptionsFrom(settings: Settings): RosterOptions {
  const ps = settings.powerschool;
  return { studentIdField: ps.studentIdField, staffIdField: ps.staffIdField, termLabel: ps.termLabel };
}
