import { createTask, validateDetailed } from 'node-cron';
import { wallClockDate } from './wall-clock.js';

// node-cron's own matcher decides whether a wall-clock minute matches the expression, so the
// syntax is node-cron's (ranges, steps, names, L, #). The task built here is never started:
// evaluating it in UTC against a Date whose UTC fields are the wall-clock fields matches
// wall-clock time, with none of the time zone arithmetic that goes wrong across DST.

export type MinuteMatcher = (wallClockMinute: number) => boolean;

export function cronExpressionProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) {
    return `must have 5 fields (minute hour day-of-month month day-of-week), such as "0 5 * * 1-5"; got ${fields.length}`;
  }
  const result = validateDetailed(expression);
  if (result.valid) return undefined;
  return result.errors.map((e) => `${e.field}${e.value !== undefined ? ` "${e.value}"` : ''}: ${e.message}`).join('; ');
}

export interface CronMatcher {
  matches: MinuteMatcher;
  /** Releases node-cron's registry entry. */
  dispose(): void;
}

/**
 * crontab(5): when both day of month and day of week are restricted (neither starts with "*"),
 * a day that matches either runs: "0 5 1 * 1" is the 1st and every Monday. node-cron requires
 * both, so such an expression is matched as two, one per day field, either one enough.
 */
export function createCronMatcher(expression: string): CronMatcher {
  const [minute, hour, dayOfMonth, month, dayOfWeek] = expression.trim().split(/\s+/);
  const bothDaysRestricted = !dayOfMonth?.startsWith('*') && !dayOfWeek?.startsWith('*');
  const expressions = bothDaysRestricted
    ? [`${minute} ${hour} ${dayOfMonth} ${month} *`, `${minute} ${hour} * ${month} ${dayOfWeek}`]
    : [expression];
  const tasks = expressions.map((e) => createTask(e, () => undefined, { timezone: 'Etc/UTC', name: `sis-sync matcher ${e}` }));
  return {
    matches: (wallClockMinute) => {
      const date = wallClockDate(wallClockMinute);
      return tasks.some((task) => task.match(date));
    },
    dispose: () => {
      for (const task of tasks) void task.destroy();
    },
  };
}
