import type { LogEvent } from '../../../log/events.js';
import type { Logger } from '../../../log/logger.js';
import type { SectionCourseCounts } from './roster-assembler.js';

// Sections whose course PowerSchool's COURSES table did not give by exact number: they are kept
// (with all their students), and counted here so that a district can fix its course numbers.

export const SECTION_COURSES_EVENT = 'powerschool.sections.course_unmatched' satisfies LogEvent;

export function describeSectionCourses(counts: SectionCourseCounts): string | undefined {
  const parts: string[] = [];
  if (counts.matchedIgnoringCase) parts.push(`${counts.matchedIgnoringCase} whose course number matches a course only ignoring case`);
  if (counts.withoutCourse) parts.push(`${counts.withoutCourse} with no course row (kept, course name empty)`);
  return parts.length ? `sections ${parts.join('; ')}` : undefined;
}

export function logSectionCourses(log: Logger, counts: SectionCourseCounts): void {
  const text = describeSectionCourses(counts);
  if (!text) return;
  log.warn(
    { event: SECTION_COURSES_EVENT, ...counts },
    `PowerSchool ${text}: fix the course numbers in PowerSchool (Courses) so that each section names its course exactly`,
  );
}

/** The counts for a sections query's rows, as the roster assembler makes them. */
export function countSectionCourses(rows: ReadonlyArray<Record<string, unknown>>): SectionCourseCounts {
  const counts: SectionCourseCounts = { matchedIgnoringCase: 0, withoutCourse: 0 };
  const blank = (value: unknown) => value === undefined || value === null || value === '';
  for (const row of rows) {
    if (!blank(row.course_id)) continue;
    if (!blank(row.course_number_any_case)) counts.matchedIgnoringCase++;
    else if (blank(row.course_name)) counts.withoutCourse++;
  }
  return counts;
}
