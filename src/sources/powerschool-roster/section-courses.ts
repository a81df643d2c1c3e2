import type { Logger } from '../../log/logger.js';
import type { SectionCourseCounts } from './roster-assembler.js';

// Sections whose course PowerSchool's COURSES table did not give by exact number: they are kept
// (with all their students), and counted here so that a district can fix its course numbers.

export const SECTION_COURSES_EVENT = 'powerschool.sections.course_unmatched';

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
