import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DataType } from '../../aspiredu/types.js';
import { SourceError } from '../../errors.js';
import { jsonItemsToRecords, validateRows, type RecordSet, type RowsFile } from '../rows/validate-rows.js';

// Reads a rows file in AspirEDU's own upload format, as CSV or as a JSON array, and checks it
// with the one row validator (../rows/validate-rows.ts). Every problem names the file, the line
// (CSV) or item (JSON), and the field.

export type { MembershipRow, RowsFile } from '../rows/validate-rows.js';

export async function readRowsFile(path: string, dataType: DataType): Promise<RowsFile> {
  const name = basename(path);
  const text = decodeUtf8(await readOrFail(path, name), name);
  const records = extname(path).toLowerCase() === '.json' ? jsonRecords(text, name) : csvRecords(text, name);
  return validateRows(records, { dataType, label: name, subject: path });
}

async function readOrFail(path: string, name: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new SourceError(`Cannot read rows file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      code: 'SOURCE_FILE_UNREADABLE',
      hint: `Check that ${name} exists and that the service user may read it.`,
      cause: error,
    });
  }
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
