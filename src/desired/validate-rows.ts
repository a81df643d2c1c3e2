import { DASHBOARD_NAME_MAX_LENGTH, idFieldsOf, type DataType, type IdField } from './data-types.js';
import type { ErrorCode } from '../error-codes.js';
import { SourceError } from '../errors.js';
import { dashboardNameLength, normaliseDashboardName } from './desired-builder.js';
import { unsafeCharacterProblem } from '../util/unsafe-characters.js';

// Rows in AspirEDU's own upload format (seed 001), from wherever they come: a CSV or JSON rows
// file, or the function of `mapping.module`. One validator, so that every way in says the same
// thing about the same mistake:
//   students: dashboard_name, student_sis_id | student_id
//   viewers:  dashboard_name, viewer_sis_id | viewer_id, viewer_is_ally
// Every problem names where the row came from ("line 7", "item 7") and the field. Any bad row
// rejects them all: nothing is uploaded from a run with a bad row.

export interface MembershipRow {
  dashboard: string;
  memberId: string;
  isAlly: boolean;
  /** The row's own `account` column, where the caller allows one; undefined otherwise. */
  account?: string;
  /** "line 7" or "item 7", for messages. */
  where: string;
}

export interface RowsFile {
  dataType: DataType;
  idField: IdField;
  rows: MembershipRow[];
}

export interface RecordSet {
  columns: string[];
  items: Array<{ where: string; record: Record<string, unknown> }>;
}

export interface ValidateRowsOptions {
  dataType: DataType;
  /** How messages name the origin: "students.csv", "mapping.module rules.mjs (students)". */
  label: string;
  /** What the "nothing was uploaded" headline names: the file path, or the label. */
  subject?: string;
  /** Columns allowed besides the row format's own (the module may set `account`). */
  optionalColumns?: readonly string[];
}

const MAX_REPORTED_PROBLEMS = 20;
const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 't']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'f']);

export function validateRows(records: RecordSet, options: ValidateRowsOptions): RowsFile {
  const { dataType, label } = options;
  const idField = idFieldOf(records, options);
  const allowAccount = options.optionalColumns?.includes('account') === true;
  const problems: string[] = [];
  const rows: MembershipRow[] = [];
  let badRows = 0;
  for (const { where, record } of records.items) {
    const row = validateRow(record, dataType, idField, where, allowAccount, problems);
    if (row) rows.push(row);
    else badRows++;
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_REPORTED_PROBLEMS).map((p) => `  ${label} ${p}`);
    if (problems.length > MAX_REPORTED_PROBLEMS) shown.push(`  … and ${problems.length - MAX_REPORTED_PROBLEMS} more`);
    throw new SourceError(
      `${options.subject ?? label} has ${badRows} bad row${badRows > 1 ? 's' : ''}; nothing was uploaded:\n${shown.join('\n')}`,
      { code: 'SOURCE_BAD_ROWS', hint: 'Fix the rows named above and run again.' },
    );
  }
  return { dataType, idField, rows };
}

/** A JSON array of row objects as records; `where` counts items from 1. */
export function jsonItemsToRecords(items: readonly unknown[], label: string, code: ErrorCode = 'SOURCE_BAD_JSON'): RecordSet {
  const columns = new Set<string>();
  const out = items.map((record, index) => {
    const where = `item ${index + 1}`;
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new SourceError(`${label} ${where}: each row must be a JSON object`, { code });
    }
    for (const key of Object.keys(record)) columns.add(key);
    return { where, record: record as Record<string, unknown> };
  });
  return { columns: [...columns], items: out };
}

export function rowFormatOf(dataType: DataType): string {
  return `dashboard_name, ${idFieldsOf(dataType).join(' or ')}${dataType === 'viewer' ? ', viewer_is_ally' : ''}`;
}

function idFieldOf(records: RecordSet, options: ValidateRowsOptions): IdField {
  const { dataType, label } = options;
  const allowed = idFieldsOf(dataType);
  const expected = dataType === 'student' ? ['dashboard_name'] : ['dashboard_name', 'viewer_is_ally'];
  const optional = options.optionalColumns ?? [];
  const format = rowFormatOf(dataType);
  const unknown = records.columns.filter((c) => !expected.includes(c) && !allowed.includes(c as IdField) && !optional.includes(c));
  const ids = allowed.filter((field) => records.columns.includes(field));
  const absent = expected.filter((c) => !records.columns.includes(c));
  if (records.items.length === 0 && records.columns.length === 0) {
    throw new SourceError(`${label} is empty`, {
      code: 'SOURCE_EMPTY_FILE',
      hint: `Expected ${dataType} rows with the columns ${format}.`,
    });
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
    throw new SourceError(`${label} does not have the ${dataType} row format: ${problem}`, {
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
  allowAccount: boolean,
  problems: string[],
): MembershipRow | undefined {
  const before = problems.length;
  const dashboard = checkDashboardName(record.dashboard_name, where, problems);
  const memberId = checkMemberId(record[idField], idField, where, problems);
  let isAlly = false;
  if (dataType === 'viewer') {
    const parsed = parseBoolean(record.viewer_is_ally);
    if (parsed === undefined)
      problems.push(`${where}, field viewer_is_ally: expected true or false, got ${JSON.stringify(record.viewer_is_ally ?? '')}`);
    else isAlly = parsed;
  }
  let account: string | undefined;
  if (allowAccount && record.account !== undefined && record.account !== null) {
    if (typeof record.account !== 'string') problems.push(`${where}, field account: expected text, got ${JSON.stringify(record.account)}`);
    else account = record.account.trim();
    const unsafe = account === undefined ? undefined : unsafeCharacterProblem(account);
    if (unsafe) problems.push(`${where}, field account: ${unsafe}`);
  }
  if (problems.length !== before) return undefined;
  return account === undefined ? { dashboard, memberId, isAlly, where } : { dashboard, memberId, isAlly, account, where };
}

function checkDashboardName(raw: unknown, where: string, problems: string[]): string {
  if (raw === undefined || raw === null || (typeof raw === 'string' && normaliseDashboardName(raw) === '')) {
    problems.push(`${where}, field dashboard_name: must not be empty`);
    return '';
  }
  if (typeof raw !== 'string') {
    problems.push(`${where}, field dashboard_name: must be a string, got ${describeValue(raw)}`);
    return '';
  }
  const dashboard = normaliseDashboardName(raw);
  const unsafe = unsafeCharacterProblem(dashboard);
  if (unsafe) problems.push(`${where}, field dashboard_name: ${unsafe}`);
  else if (dashboardNameLength(dashboard) > DASHBOARD_NAME_MAX_LENGTH) {
    problems.push(`${where}, field dashboard_name: longer than ${DASHBOARD_NAME_MAX_LENGTH} characters`);
  }
  return dashboard;
}

/** A SIS id: text, or a JSON number (exports often write student numbers as numbers). */
function checkMemberId(raw: unknown, idField: IdField, where: string, problems: string[]): string {
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (raw !== undefined && raw !== null && typeof raw !== 'string') {
    problems.push(`${where}, field ${idField}: must be a string, got ${describeValue(raw)}`);
    return '';
  }
  const memberId = typeof raw === 'string' ? raw.trim() : '';
  if (memberId === '') problems.push(`${where}, field ${idField}: must not be empty`);
  const unsafe = unsafeCharacterProblem(memberId);
  if (unsafe) problems.push(`${where}, field ${idField}: ${unsafe}`);
  return memberId;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
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
