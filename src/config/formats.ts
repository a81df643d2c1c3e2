import convict from 'convict';
import { parseStudentFields } from '../sources/powerschool-queries/student-fields.js';
import { compileRules, RulesInvalidError } from '../mapping/compile-rules.js';
import { registerSecret } from '../log/secrets.js';
import { cronExpressionProblem } from '../daemon/cron-matcher.js';
import { dateRangeProblem, isIsoDate } from '../daemon/blackout.js';
import { isTimeZone } from '../daemon/wall-clock.js';

// Custom convict formats. Each throws with a sentence that completes "<key>: ...".

convict.addFormat({
  name: 'http-url',
  validate(value: unknown) {
    if (value === '') return; // "not set"; commands that need it say so
    if (typeof value !== 'string') throw new Error('must be a URL such as https://example.aspiredu.com');
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new Error('must be a URL such as https://example.aspiredu.com');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('must start with https://');
  },
});

convict.addFormat({
  name: 'positive-number',
  validate(value: unknown) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new Error('must be a number greater than 0');
    }
  },
  coerce: (value: string) => Number(value),
});

convict.addFormat({
  name: 'non-negative-number',
  validate(value: unknown) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new Error('must be a number, 0 or more');
    }
  },
  coerce: (value: string) => Number(value),
});

convict.addFormat({
  name: 'positive-int',
  validate(value: unknown) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new Error('must be a whole number, 1 or more');
    }
  },
  coerce: (value: string) => Number(value),
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

// Addresses as a mail server takes them in an envelope: local@domain, no display name.
const EMAIL_ADDRESS = /^[^\s@<>,;"()[\]]+@[^\s@<>,;"()[\]]+$/;

export function isEmailAddress(value: string): boolean {
  return EMAIL_ADDRESS.test(value);
}

convict.addFormat({
  name: 'email-list',
  validate(value: unknown) {
    if (!Array.isArray(value)) throw new Error('must be a list of email addresses, e.g. ["registrar@district.org"]');
    for (const entry of value) {
      if (typeof entry !== 'string' || !isEmailAddress(entry)) {
        throw new Error(`must be a list of email addresses; ${JSON.stringify(entry)} is not one`);
      }
    }
  },
  // From the environment: "a@x.org, b@x.org" (commas or semicolons, as mail programs write them).
  coerce: (value: string) =>
    value
      .split(/[,;]/)
      .map((part) => part.trim())
      .filter(Boolean),
});

convict.addFormat({
  name: 'email-address',
  validate(value: unknown) {
    if (value === '') return; // not set; mail settings are checked together when mail is used
    if (typeof value !== 'string' || !isEmailAddress(value)) throw new Error('must be one email address, e.g. sis-sync@district.org');
  },
});

convict.addFormat({
  name: 'smtp-url',
  validate(value: unknown) {
    if (value === '') return; // mail off
    const example = 'smtp://mail.district.org:587 (STARTTLS) or smtps://mail.district.org:465 (TLS from the start)';
    if (typeof value !== 'string') throw new Error(`must be a URL such as ${example}`);
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new Error(`must be a URL such as ${example}`);
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`must start with smtp:// or smtps://, e.g. ${example}`);
    if (url.hostname === '') throw new Error(`must name the mail server, e.g. ${example}`);
    if (url.username || url.password) {
      // Convict quotes the value after this message; the CLI scrubs registered secrets from it.
      registerSecret(url.password);
      registerSecret(decodeURIComponent(url.password));
      throw new Error('must not hold a user name or password: set notify.smtpUser and notify.smtpPassword (a secret) instead');
    }
    if ((url.pathname !== '' && url.pathname !== '/') || url.search || url.hash) {
      throw new Error(`must be only a scheme, host and port, e.g. ${example}`);
    }
  },
});

convict.addFormat({
  name: 'cron-expression',
  validate(value: unknown) {
    if (typeof value !== 'string') throw new Error('must be a cron expression such as "0 5 * * 1-5"');
    const problem = cronExpressionProblem(value);
    if (problem) throw new Error(problem);
  },
});

convict.addFormat({
  name: 'optional-cron-expression',
  validate(value: unknown) {
    if (value === '') return; // off
    if (typeof value !== 'string') throw new Error('must be a cron expression such as "0 6 * * 1", or empty for never');
    const problem = cronExpressionProblem(value);
    if (problem) throw new Error(problem);
  },
});

convict.addFormat({
  name: 'iana-timezone',
  validate(value: unknown) {
    if (value === '') return; // the server's own time zone
    if (typeof value !== 'string' || !isTimeZone(value)) {
      throw new Error('must be an IANA time zone such as "America/Chicago" (or empty for the server\'s own)');
    }
  },
});

convict.addFormat({
  name: 'date-ranges',
  validate(value: unknown) {
    if (!Array.isArray(value)) throw new Error('must be a list of date ranges such as ["2026-06-26/2026-07-06"]');
    for (const entry of value) {
      const problem = dateRangeProblem(entry);
      if (problem) throw new Error(problem);
    }
  },
  // From the environment: ranges separated by commas or spaces.
  coerce: (value: string) => value.split(/[\s,]+/).filter(Boolean),
});

convict.addFormat({
  name: 'expiry-dates',
  validate(value: unknown) {
    if (!Array.isArray(value)) throw new Error('must be a list such as ["aspiredu.token=2027-06-30"]');
    for (const entry of value) {
      const [name, date, extra] = typeof entry === 'string' ? entry.split('=') : [];
      if (!name?.trim() || date === undefined || extra !== undefined || !isIsoDate(date.trim())) {
        throw new Error(`each entry must be "<credential>=YYYY-MM-DD", such as "aspiredu.token=2027-06-30"; got ${JSON.stringify(entry)}`);
      }
    }
  },
  // From the environment: entries separated by commas or spaces.
  coerce: (value: string) => value.split(/[\s,]+/).filter(Boolean),
});

convict.addFormat({
  name: 'share',
  validate(value: unknown) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
      throw new Error('must be a share between 0 and 1, e.g. 0.1 for 10%');
    }
  },
  coerce: (value: string) => Number(value),
});

// Convict appends ": value was <JSON>" to a format's message; for a list of rules that is the
// whole list again. Each problem line already names the rule and field, so the echo is dropped.
function withoutValueEcho(error: Error): Error {
  Object.defineProperty(error, 'value', { get: () => undefined, set: () => undefined });
  return error;
}

/** From an environment variable, a list or object arrives as JSON text. */
function parseJsonText(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

convict.addFormat({
  name: 'mapping-rules',
  validate(value: unknown) {
    if (typeof value === 'string') throw withoutValueEcho(new Error('must be a JSON list of rules; the text given is not valid JSON'));
    try {
      compileRules(value);
    } catch (error) {
      if (!(error instanceof RulesInvalidError)) throw error;
      const count = error.problems.length;
      throw withoutValueEcho(new Error(`${count} problem${count > 1 ? 's' : ''} in the rules:\n${error.problems.join('\n')}`));
    }
  },
  coerce: parseJsonText,
});

convict.addFormat({
  name: 'grade-names',
  validate(value: unknown) {
    const problem = 'must be an object from grade level to name, e.g. {"0": "K", "-1": "PK"}';
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(problem);
    for (const [grade, name] of Object.entries(value)) {
      if (!/^-?\d+$/.test(grade)) throw new Error(`${problem}; "${grade}" is not a whole number`);
      if (typeof name !== 'string' || name.trim() === '') throw new Error(`${problem}; the name for grade ${grade} must be non-empty text`);
    }
  },
  coerce: parseJsonText,
});

// Lists arrive as JSON arrays from the file and as comma-separated text from the environment.
function listFrom(value: unknown): unknown {
  return typeof value === 'string'
    ? value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
    : value;
}

convict.addFormat({
  name: 'enroll-status-list',
  validate(value: unknown) {
    if (!Array.isArray(value) || value.length === 0 || !value.every((v) => Number.isInteger(v) && v >= -1 && v <= 4)) {
      throw new Error('must be a non-empty list of PowerSchool ENROLL_STATUS codes between -1 and 4, e.g. [0]');
    }
  },
  coerce: (value: string) => (listFrom(value) as string[]).map(Number),
});

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
  name: 'student-field-list',
  validate(value: unknown) {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new Error('must be a list of TABLE.FIELD texts');
    const parsed = parseStudentFields(value as string[]);
    if (typeof parsed === 'string') throw new Error(parsed);
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
