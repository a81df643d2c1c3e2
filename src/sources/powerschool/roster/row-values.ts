import { SourceError } from '../../../errors.js';
import { asInteger, asText } from '../api/json-quirks.js';

// Reads typed values out of one query row, naming the query, the row and the field when a
// value is not what the SQL promises.

export class RowReader {
  constructor(
    private readonly query: string,
    private readonly row: Record<string, unknown>,
    private readonly index: number,
  ) {}

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
      hint: 'Nothing was uploaded. Fix the record in PowerSchool; if the value looks right there, check that the queries (and, for the REST source, the installed plugin) are the ones shipped with this sis-sync.',
    });
  }
}
