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

export function createCronMatcher(expression: string): CronMatcher {
  const task = createTask(expression, () => undefined, { timezone: 'Etc/UTC', name: `sis-sync matcher ${expression}` });
  return {
    matches: (minute) => task.match(wallClockDate(minute)),
    dispose: () => void task.destroy(),
  };
}
