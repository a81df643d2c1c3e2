import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DataType } from '../../desired/data-types.js';
import { SourceError } from '../../errors.js';
import { jsonItemsToRecords, validateRows, type RecordSet, type RowsFile } from '../../desired/validate-rows.js';
import { DEFAULT_MAX_ROWS_FILE_BYTES, readStableFile } from './read-stable.js';

// Reads a rows file in AspirEDU's own upload format, as CSV or as a JSON array, and checks it
// with the one row validator (../rows/validate-rows.ts). Every problem names the file, the line
// (CSV) or item (JSON), and the field. The bytes come from read-stable.ts: a regular file, not
// larger than source.files.maxBytes, unchanged while it was read.

export type { MembershipRow, RowsFile } from '../../desired/validate-rows.js';

export interface ReadRowsOptions {
  /** source.files.maxBytes: larger files are refused before they are read. */
  maxBytes?: number;
}

export async function readRowsFile(path: string, dataType: DataType, options: ReadRowsOptions = {}): Promise<RowsFile> {
  const name = basename(path);
  const bytes = await readStableFile(path, { maxBytes: options.maxBytes ?? DEFAULT_MAX_ROWS_FILE_BYTES });
  const text = decodeUtf8(bytes, name);
  const records = extname(path).toLowerCase() === '.json' ? jsonRecords(text, name) : csvRecords(text, name);
  return validateRows(records, { dataType, label: name, subject: path });
}

function decodeUtf8(bytes: Buffer, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new SourceError(`${name} is not UTF-8 text`, {
      code: 'SOURCE_BAD_ENCODING',
      hint: 'Save or export the file as UTF-8 (with or without BOM).',
    });
  }
}

function csvRecords(text: string, name: string): RecordSet {
  let parsed: Array<{ record: Record<string, string>; info: { lines: number } }>;
  let columns: string[] = [];
  try {
    parsed = parse(text, {
      bom: true,
      columns: (header: string[]) => (columns = header.map((h) => h.trim().toLowerCase())),
      skip_empty_lines: true,
      info: true,
    });
  } catch (error) {
    throw new SourceError(`${name} is not valid CSV: ${(error as Error).message}`, {
      code: 'SOURCE_BAD_CSV',
      hint: 'Fields holding commas, quotes or line breaks must be in double quotes, with inner quotes doubled.',
      cause: error,
    });
  }
  return { columns, items: parsed.map(({ record, info }) => ({ where: `line ${info.lines}`, record })) };
}

function jsonRecords(text: string, name: string): RecordSet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new SourceError(`${name} is not valid JSON: ${(error as Error).message}`, { code: 'SOURCE_BAD_JSON', cause: error });
  }
  if (!Array.isArray(parsed)) {
    throw new SourceError(`${name} must hold a JSON array of rows, like the "data" of an AspirEDU upload`, { code: 'SOURCE_BAD_JSON' });
  }
  return jsonItemsToRecords(parsed, name);
}
