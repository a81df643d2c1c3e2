import convict from 'convict';
import { parseStudentFields } from '../student-fields.js';
import { listFrom } from './basic.js';
import { decimalNumber } from './scalars.js';

// Formats of powerschool.*: enrolment status codes and extra student fields.
// Each throws with a sentence that completes "<key>: ...".

convict.addFormat({
  name: 'enroll-status-list',
  validate(value: unknown) {
    if (!Array.isArray(value) || value.length === 0 || !value.every((v) => Number.isInteger(v) && v >= -1 && v <= 4)) {
      throw new Error('must be a non-empty list of PowerSchool ENROLL_STATUS codes between -1 and 4, e.g. [0]');
    }
  },
  coerce: (value: string) => (listFrom(value) as string[]).map(decimalNumber),
});

convict.addFormat({
  name: 'student-field-list',
  validate(value: unknown) {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new Error('must be a list of TABLE.FIELD texts');
    const parsed = parseStudentFields(value as string[]);
    if (typeof parsed === 'string') throw new Error(parsed);
  },
  coerce: listFrom,
});
