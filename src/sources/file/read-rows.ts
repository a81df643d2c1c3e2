import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DASHBOARD_NAME_MAX_LENGTH, idFieldsOf, type DataType, type IdField } from '../../aspiredu/types.js';
import { SourceError } from '../../errors.js';
import { normaliseDashboardName } from '../../sync/desired-builder.js';

// Reads a rows file in AspirEDU's own upload format (seed 001), as CSV or as a JSON array:
//   students: dashboard_name, student_sis_id | student_id
//   viewers:  dashboard_name, viewer_sis_id | viewer_id, viewer_is_ally
// Every problem names the file, the line (CSV) or item (JSON), and the field. A file with any
// bad row is rejected whole: nothing is uploaded from a run with a bad file.

export interface MembershipRow {
  dashboard: string;
  memberId: string;
  isAlly: boolean;
  /** "line 7" or "item 7", for messages. */
  where: string;
}

export interface RowsFile {
  dataType: DataType;
  idField: IdField;
  rows: MembershipRow[];
}

const MAX_REPORTED_PROBLEMS = 20;
const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 't']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'f']);

export async function readRowsFile(path: string, dataType: DataType): Promise<RowsFile> {
  const name = basename(path);
  const text = decodeUtf8(await readOrFail(path, name), name);
  const records = extname(path).toLowerCase() === '.json' ? jsonRecords(text, name) : csvRecords(text, name);
  const idField = idFieldOf(records, dataType, name);
  const problems: string[] = [];
  const rows: MembershipRow[] = [];
  for (const { where, record } of records.items) {
    const row = validateRow(record, dataType, idField, where, problems);
    if (row) rows.push(row);
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_REPORTED_PROBLEMS).map((p) => `  ${name} ${p}`);
    if (problems.length > MAX_REPORTED_PROBLEMS) shown.push(`  … and ${problems.length - MAX_REPORTED_PROBLEMS} more`);
    throw new SourceError(
      `${path} has ${problems.length} bad row${problems.length > 1 ? 's' : ''}; nothing was uploaded:\n${shown.join('\n')}`,
      {
        code: 'SOURCE_BAD_ROWS',
        hint: 'Fix the rows named above and run again.',
      },
    );
  }
  return { dataType, idField, rows };
}

interface Records {
  columns: string[];
  items: Array<{ where: string; record: Record<string, unknown> }>;
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

function csvRecords(text: string, name: string): Records {
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

function jsonRecords(text: string, name: string): Records {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new SourceError(`${name} is not valid JSON: ${(error as Error).message}`, { code: 'SOURCE_BAD_JSON', cause: error });
  }
  if (!Array.isArray(parsed)) {
    throw new SourceError(`${name} must hold a JSON array of rows, like the "data" of an AspirEDU upload`, { code: 'SOURCE_BAD_JSON' });
  }
  const columns = new Set<string>();
  const items = parsed.map((record, index) => {
    const where = `item ${index + 1}`;
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new SourceError(`${name} ${where}: each row must be a JSON object`, { code: 'SOURCE_BAD_JSON' });
    }
    for (const key of Object.keys(record)) columns.add(key);
    return { where, record: record as Record<string, unknown> };
  });
  return { columns: [...columns], items };
}

function idFieldOf(records: Records, dataType: DataType, name: string): IdField {
  const allowed = idFieldsOf(dataType);
  const expected = dataType === 'student' ? ['dashboard_name'] : ['dashboard_name', 'viewer_is_ally'];
  const format = `dashboard_name, ${allowed.join(' or ')}${dataType === 'viewer' ? ', viewer_is_ally' : ''}`;
  const unknown = records.columns.filter((c) => !expected.includes(c) && !allowed.includes(c as IdField));
  const ids = allowed.filter((field) => records.columns.includes(field));
  const absent = expected.filter((c) => !records.columns.includes(c));
  if (records.items.length === 0 && records.columns.length === 0) {
    throw new SourceError(`${name} is empty`, { code: 'SOURCE_EMPTY_FILE', hint: `Expected ${dataType} rows with the columns ${format}.` });
  }
  if (unknown.length > 0 || ids.length !== 1 || absent.length > 0) {
    const problem =
      unknown.length > 0
        ? `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')}`
        : ids.length === 0
          ? `no id column (${allowed.join(' or ')})`
          : ids.length > 1
            ? `both ${ids.join(' and ')}; use one id column per file`
            : `missing column${absent.length > 1 ? 's' : ''} ${absent.join(', ')}`;
    throw new SourceError(`${name} does not have the ${dataType} row format: ${problem}`, {
      code: 'SOURCE_BAD_HEADER',
      hint: `Expected the columns ${format}.`,
    });
  }
  return ids[0] as IdField;
}

function validateRow(
  record: Record<string, unknown>,
  dataType: DataType,
  idField: IdField,
  where: string,
  problems: string[],
): MembershipRow | undefined {
  const before = problems.length;
  const rawName = record.dashboard_name;
  const dashboard = typeof rawName === 'string' ? normaliseDashboardName(rawName) : '';
  if (typeof rawName !== 'string' || dashboard === '') problems.push(`${where}, field dashboard_name: must not be empty`);
  else if (dashboard.length > DASHBOARD_NAME_MAX_LENGTH) {
    problems.push(`${where}, field dashboard_name: longer than ${DASHBOARD_NAME_MAX_LENGTH} characters`);
  }
  const rawId = record[idField];
  const memberId = typeof rawId === 'number' && Number.isFinite(rawId) ? String(rawId) : typeof rawId === 'string' ? rawId.trim() : '';
  if (memberId === '') problems.push(`${where}, field ${idField}: must not be empty`);
  let isAlly = false;
  if (dataType === 'viewer') {
    const parsed = parseBoolean(record.viewer_is_ally);
    if (parsed === undefined)
      problems.push(`${where}, field viewer_is_ally: expected true or false, got ${JSON.stringify(record.viewer_is_ally ?? '')}`);
    else isAlly = parsed;
  }
  return problems.length === before ? { dashboard, memberId, isAlly, where } : undefined;
}

function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}
