import { SourceError } from '../../errors.js';
import { asInteger, asText } from './json-quirks.js';

// Reads typed values out of one query row, naming the query, the row and the field when a
// value is not what the SQL promises.

export class RowReader {
  constructor(
    private readonly query: string,
    private row: Record<string, unknown>,
    private index: number,
  ) {}

  /** The same reader on another row: a read of a large district has hundreds of thousands. */
  at(row: Record<string, unknown>, index: number): this {
    this.row = row;
    this.index = index;
    return this;
  }

  text(field: string): string | null {
    const value = asText(this.row[field]);
    return value === null || value.trim() === '' ? null : value;
  }

  requiredText(field: string): string {
    const value = this.text(field);
    if (value === null) throw this.error(field, 'is missing');
    return value;
  }

  integer(field: string): number | null {
    const value = asInteger(this.row[field]);
    if (Number.isNaN(value)) throw this.error(field, `is "${String(this.row[field])}", not a whole number`);
    return value;
  }

  requiredInteger(field: string): number {
    const value = this.integer(field);
    if (value === null) throw this.error(field, 'is missing');
    return value;
  }

  /** An identifier as text: PowerSchool's NUMBER ids may arrive as "100234.0". */
  id(field: string): string | null {
    const value = this.text(field);
    if (value === null) return null;
    const trimmed = value.trim();
    // Only a value with a dot can be "100234.0"; most ids are tested no further (a read has a million).
    return trimmed.includes('.') && /^-?\d+\.0+$/.test(trimmed) ? trimmed.replace(/\.0+$/, '') : trimmed;
  }

  requiredId(field: string): string {
    const value = this.id(field);
    if (value === null) throw this.error(field, 'is missing');
    return value;
  }

  error(field: string, problem: string): SourceError {
    return new SourceError(`PowerSchool row ${this.index + 1} of ${this.query}: ${field} ${problem}`, {
      code: 'POWERSCHOOL_BAD_ROW',
      hint: 'Nothing was uploaded. Fix the record in PowerSchool, or check that the installed plugin is the one shipped with this sis-sync.',
    });
  }
}

/** `read` gets one reader moved from row to row; it must not keep it. */
export function eachRow<T>(query: string, rows: ReadonlyArray<Record<string, unknown>>, read: (row: RowReader) => T): T[] {
  const reader = new RowReader(query, {}, 0);
  return rows.map((row, index) => read(reader.at(row, index)));
}
