// AspirEDU's words that every room shares (v2 Dashboard Uploads reference, seed 001): the two
// kinds of member, the columns that identify one, and the limit on a dashboard's name. The
// rest of the API's vocabulary is the client's, in aspiredu/types.ts.

export type DataType = 'student' | 'viewer';
export const DATA_TYPES: readonly DataType[] = ['student', 'viewer'];

/** The column that identifies a member in a row: an AspirEDU id or a SIS id. */
export type IdField = 'student_sis_id' | 'student_id' | 'viewer_sis_id' | 'viewer_id';

export function idFieldsOf(dataType: DataType): readonly IdField[] {
  return dataType === 'student' ? ['student_sis_id', 'student_id'] : ['viewer_sis_id', 'viewer_id'];
}

/** AspirEDU's limit on a dashboard name. The reference does not state one; 255 is its model's field length. */
export const DASHBOARD_NAME_MAX_LENGTH = 255;
