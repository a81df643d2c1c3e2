import { describe, expect, it } from 'vitest';
import { createCronMatcher } from '../../src/util/cron-matcher.js';
import { wallClockMinute } from '../../src/util/wall-clock.js';

// Which days a cron expression runs on, as crontab(5) says: with both day fields restricted,
// either one is enough.

/** The days of March 2027 (the 1st is a Monday) on which the expression matches 05:00. */
function daysInMarch2027(expression: string): number[] {
  const matcher = createCronMatcher(expression);
  try {
    const days: number[] = [];
    for (let day = 1; day <= 31; day++) {
      const minute = wallClockMinute(Date.UTC(2027, 2, day, 5, 0), 'Etc/UTC');
      if (matcher.matches(minute)) days.push(day);
    }
    return days;
  } finally {
    matcher.dispose();
  }
}

describe('cron day fields', () => {
  it('runs on the 1st and on every Monday for "0 5 1 * 1", as crontab(5) says', () => {
    expect(daysInMarch2027('0 5 1 * 1')).toEqual([1, 8, 15, 22, 29]);
    expect(daysInMarch2027('0 5 15 * 5')).toEqual([5, 12, 15, 19, 26]);
  });

  it('with one day field "*", the other alone decides', () => {
    expect(daysInMarch2027('0 5 * * 1')).toEqual([1, 8, 15, 22, 29]);
    expect(daysInMarch2027('0 5 15 * *')).toEqual([15]);
    // A field that starts with "*" counts as unrestricted (Vixie cron): both must match then.
    expect(daysInMarch2027('0 5 */10 * 1')).toEqual([1]);
  });

  it('still needs the minute, hour and month to match', () => {
    expect(daysInMarch2027('0 6 1 * 1')).toEqual([]);
    expect(daysInMarch2027('0 5 1 4 1')).toEqual([]);
  });
});
