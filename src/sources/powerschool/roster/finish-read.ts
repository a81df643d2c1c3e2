import type { Logger } from '../../../log/logger.js';
import type { Roster } from '../../../roster/roster.js';
import type { RosterAssembler, StudentFieldValues } from './roster-assembler.js';
import { logSectionCourses } from './section-courses.js';

// The end of a read of PowerSchool, through its REST API or its Oracle database alike: the
// roster built, what the assembler noticed on the way logged, and the counts its last line gives.

export function finishRosterRead(assembler: RosterAssembler, studentFields: StudentFieldValues, log: Logger): Roster {
  const { roster, notes, sectionCourses } = assembler.finish(studentFields);
  logSectionCourses(log, sectionCourses);
  for (const note of notes) log.warn({ event: 'powerschool.roster.note', note }, 'PowerSchool roster note');
  return roster;
}

export function rosterCounts(roster: Roster): { schools: number; students: number; staff: number; sections: number } {
  return { schools: roster.schools.length, students: roster.students.length, staff: roster.staff.length, sections: roster.sections.length };
}
