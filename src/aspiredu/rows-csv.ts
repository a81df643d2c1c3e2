import { stringify } from 'csv-stringify/sync';
import type { DataType, IdField } from '../desired/data-types.js';
import type { UploadRow } from './types.js';

/** Columns of a CSV upload, in one of the four formats the reference accepts. */
export function csvColumns(dataType: DataType, idField: IdField): string[] {
  return dataType === 'student' ? ['dashboard_name', idField] : ['dashboard_name', idField, 'viewer_is_ally'];
}

/** Rows as the multipart `file` of an upload: UTF-8, a header, CRLF line ends, quoting where needed. */
export function rowsToCsv(dataType: DataType, idField: IdField, rows: readonly UploadRow[]): string {
  const columns = csvColumns(dataType, idField);
  return stringify(
    rows.map((row) => columns.map((column) => formatCell((row as Record<string, unknown>)[column]))),
    { header: true, columns, record_delimiter: '\r\n' },
  );
}

function formatCell(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value === undefined || value === null ? '' : String(value);
}
