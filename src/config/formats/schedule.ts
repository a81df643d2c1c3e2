import convict from 'convict';
import { dateRangeProblem, isIsoDate } from '../../util/blackout.js';
import { cronExpressionProblem } from '../../util/cron-matcher.js';
import { isTimeZone } from '../../util/wall-clock.js';

// Formats of the daemon's settings: cron expressions, time zones, date ranges, expiry dates.
// Each throws with a sentence that completes "<key>: ...".

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
