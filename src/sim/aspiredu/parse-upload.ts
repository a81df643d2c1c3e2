import { parse } from 'csv-parse/sync';
import type { DataType } from '../../desired/data-types.js';
import type { SimRow } from './model.js';

// Validates an upload request the way AspirEDU's API (Django REST framework) does, answering
// field errors ({"data_type": ["..."]}) and non-field errors ({"non_field_errors": ["..."]}).

export type ParsedUpload =
  { ok: true; dataType: DataType; policy: 'none' | 'all' | 'contained'; rows: SimRow[] } | { ok: false; errors: Record<string, unknown> };

export interface UploadFields {
  data_type?: unknown;
  clear_existing_policy?: unknown;
  data?: unknown;
  /** CSV text of the multipart `file`. */
  file?: string;
}

const POLICIES = ['none', 'all', 'contained'];
const DATA_TYPES = ['student', 'viewer'];

export function parseUploadFields(fields: UploadFields): ParsedUpload {
  const errors: Record<string, unknown> = {};
  checkChoice(fields.data_type, 'data_type', DATA_TYPES, errors);
  checkChoice(fields.clear_existing_policy, 'clear_existing_policy', POLICIES, errors);
  if (fields.data === undefined && fields.file === undefined) errors.non_field_errors = ['Must supply either a file or data.'];
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const dataType = fields.data_type as DataType;
  const rows = fields.file !== undefined ? csvRows(fields.file, dataType, errors) : jsonRows(fields.data, dataType, errors);
  if (Object.keys(errors).length > 0 || !rows) return { ok: false, errors };
  return { ok: true, dataType, policy: fields.clear_existing_policy as 'none' | 'all' | 'contained', rows };
}

function checkChoice(value: unknown, field: string, choices: string[], errors: Record<string, unknown>): void {
  if (value === undefined || value === null) errors[field] = ['This field is required.'];
  else if (value === '') errors[field] = ['This field may not be blank.'];
  else if (typeof value !== 'string' || !choices.includes(value)) errors[field] = [`"${String(value)}" is not a valid choice.`];
}

function idFieldsFor(dataType: DataType): string[] {
  return dataType === 'student' ? ['student_sis_id', 'student_id'] : ['viewer_sis_id', 'viewer_id'];
}

function jsonRows(data: unknown, dataType: DataType, errors: Record<string, unknown>): SimRow[] | undefined {
  if (!Array.isArray(data)) {
    errors.data = ['Expected a list of items.'];
    return undefined;
  }
  if (data.length === 0) {
    errors.data = ['This list may not be empty.'];
    return undefined;
  }
  const rowErrors: Array<Record<string, string[]>> = [];
  const rows: SimRow[] = [];
  for (const item of data) {
    const problems: Record<string, string[]> = {};
    const row = item as Record<string, unknown>;
    if (typeof item !== 'object' || item === null) {
      rowErrors.push({ non_field_errors: ['Invalid data. Expected a dictionary.'] });
      continue;
    }
    if (typeof row.dashboard_name !== 'string' || row.dashboard_name.trim() === '') problems.dashboard_name = ['This field is required.'];
    const idField = idFieldsFor(dataType).find((f) => row[f] !== undefined && row[f] !== null && row[f] !== '');
    if (!idField) problems[idFieldsFor(dataType)[0] as string] = ['This field is required.'];
    if (dataType === 'viewer' && typeof row.viewer_is_ally !== 'boolean') problems.viewer_is_ally = ['Must be a valid boolean.'];
    rowErrors.push(problems);
    if (Object.keys(problems).length === 0 && idField) {
      rows.push({ dashboardName: String(row.dashboard_name), idField, idValue: String(row[idField]), isAlly: row.viewer_is_ally === true });
    }
  }
  if (rowErrors.some((e) => Object.keys(e).length > 0)) {
    errors.data = rowErrors;
    return undefined;
  }
  return rows;
}

function csvRows(text: string, dataType: DataType, errors: Record<string, unknown>): SimRow[] | undefined {
  let records: Record<string, string>[];
  try {
    records = parse(text, { bom: true, columns: (header: string[]) => header.map((h) => h.trim()), skip_empty_lines: true });
  } catch (error) {
    errors.file = [`The file could not be parsed: ${(error as Error).message}`];
    return undefined;
  }
  const columns = Object.keys(records[0] ?? {});
  const idField = idFieldsFor(dataType).find((f) => columns.includes(f));
  const expected = dataType === 'student' ? 2 : 3;
  if (
    !idField ||
    !columns.includes('dashboard_name') ||
    (dataType === 'viewer' && !columns.includes('viewer_is_ally')) ||
    columns.length !== expected
  ) {
    errors.file = [
      `The columns must be one of: ${dataType === 'student' ? 'dashboard_name, student_id | dashboard_name, student_sis_id' : 'dashboard_name, viewer_id, viewer_is_ally | dashboard_name, viewer_sis_id, viewer_is_ally'}.`,
    ];
    return undefined;
  }
  if (records.length === 0) {
    errors.file = ['The submitted file is empty.'];
    return undefined;
  }
  return records.map((r) => ({
    dashboardName: r.dashboard_name ?? '',
    idField,
    idValue: r[idField] ?? '',
    isAlly: /^(true|1|yes)$/i.test(r.viewer_is_ally ?? ''),
  }));
}
