import convict from 'convict';
import { decimalNumber } from './scalars.js';
import { parseUrlSetting } from './url.js';

// Formats for numbers, shares, paths, ids and lists any section may use.
// Each throws with a sentence that completes "<key>: ...".

convict.addFormat({
  name: 'http-url',
  validate(value: unknown) {
    if (value === '') return; // "not set"; commands that need it say so
    parseUrlSetting(value, {
      schemes: ['https', 'http'],
      example: 'https://example.aspiredu.com',
      credentialsHint: 'credentials belong in the secret settings (aspiredu.token, powerschool.clientId and powerschool.clientSecret)',
    });
  },
});

convict.addFormat({
  name: 'positive-number',
  validate(value: unknown) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new Error('must be a number greater than 0');
    }
  },
  coerce: decimalNumber,
});

convict.addFormat({
  name: 'non-negative-number',
  validate(value: unknown) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new Error('must be a number, 0 or more');
    }
  },
  coerce: decimalNumber,
});

convict.addFormat({
  name: 'positive-int',
  validate(value: unknown) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new Error('must be a whole number, 1 or more');
    }
  },
  coerce: decimalNumber,
});

convict.addFormat({
  name: 'placeholder-id',
  validate(value: unknown) {
    if (typeof value !== 'string' || value.trim() === '' || value !== value.trim() || /[",\r\n]/.test(value)) {
      throw new Error('must be a non-empty id without spaces at either end, commas, quotes or line breaks');
    }
  },
});

convict.addFormat({
  name: 'path',
  validate(value: unknown) {
    if (typeof value !== 'string') throw new Error('must be a file system path');
  },
});

convict.addFormat({
  name: 'share',
  validate(value: unknown) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
      throw new Error('must be a share between 0 and 1, e.g. 0.1 for 10%');
    }
  },
  coerce: decimalNumber,
});

// Lists arrive as JSON arrays from the file and as comma-separated text from the environment.
export function listFrom(value: unknown): unknown {
  return typeof value === 'string'
    ? value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
    : value;
}

convict.addFormat({
  name: 'string-list',
  validate(value: unknown) {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.trim() !== '' && !v.includes(','))) {
      throw new Error('must be a list of non-empty texts without commas');
    }
  },
  coerce: listFrom,
});

convict.addFormat({
  name: 'optional-date',
  validate(value: unknown) {
    if (value === '') return;
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
      throw new Error('must be empty (today) or a date written YYYY-MM-DD');
    }
  },
});

convict.addFormat({
  name: 'identifier',
  validate(value: unknown) {
    if (typeof value !== 'string' || !/^[a-z][a-z0-9_]*$/.test(value)) throw new Error('must be a lower-case name such as student_number');
  },
});
