import { describe, expect, it } from 'vitest';
import { OrderedRosterFeed } from '../../../../src/sources/powerschool/roster/ordered-feed.js';
import { buildRoster, RosterAssembler, type RosterRows } from '../../../../src/sources/powerschool/roster/roster-assembler.js';
import { ROSTER_OPTIONS as OPTIONS, rosterRows } from '../../../helpers/roster-rows.js';

// Queries complete in any order; the assembler must see them in ROLE_ORDER, and a long query
// must not hold the event loop while other pages arrive.

/** The helper's roster with `students` more students, each in its one section. */
function district(students: number): RosterRows {
  const base = rosterRows();
  const ids = Array.from({ length: students }, (_, i) => String(i + 10));
  return rosterRows({
    students: [
      ...base.students,
      ...ids.map((id) => ({ ...base.students[0], student_id: id, student_dcid: `9${id}`, student_number: `S${id}` })),
    ],
    enrollments: [...base.enrollments, ...ids.map((id) => ({ student_id: id, section_id: '5' }))],
  });
}

describe('OrderedRosterFeed', () => {
  it('hands queries completed in any order to the assembler in role order', async () => {
    const rows = district(50);
    const assembler = new RosterAssembler(OPTIONS);
    const feed = new OrderedRosterFeed(assembler);
    const fed: Array<Promise<void>> = [];
    for (const role of ['enrollments', 'staff', 'sectionTeachers', 'sections', 'students', 'schools'] as const) {
      fed.push(feed.complete(role, rows[role]));
      // Nothing reaches the assembler before the schools, which complete last.
      if (role !== 'schools') expect(assembler.rowCount('students')).toBe(0);
    }
    await Promise.all(fed);
    expect(assembler.finish()).toEqual(buildRoster(rows, OPTIONS));
  });

  it('fails the query that handed over a bad row with the assembler’s error', async () => {
    const rows = district(3);
    const feed = new OrderedRosterFeed(new RosterAssembler(OPTIONS));
    await feed.complete('schools', rows.schools);
    const students = [...rows.students, { student_id: '4', student_dcid: '94', school_number: '100', enroll_status: '9' }];
    await expect(feed.complete('students', students)).rejects.toThrow(/row 5 of students: enroll_status is 9/);
  });

  it('lets other work run while a long query is handed over, and stops when the read is aborted', async () => {
    const rows = district(9_000);
    const assembler = new RosterAssembler(OPTIONS);
    const feed = new OrderedRosterFeed(assembler);
    for (const role of ['schools', 'students', 'staff', 'sections', 'sectionTeachers'] as const) await feed.complete(role, rows[role]);
    let seenMeanwhile = -1;
    setImmediate(() => (seenMeanwhile = assembler.rowCount('enrollments')));
    await feed.complete('enrollments', rows.enrollments);
    expect(seenMeanwhile).toBeGreaterThan(0);
    expect(seenMeanwhile).toBeLessThan(rows.enrollments.length);

    const aborted = new RosterAssembler(OPTIONS);
    const stopped = new OrderedRosterFeed(aborted);
    const controller = new AbortController();
    for (const role of ['schools', 'students', 'staff', 'sections', 'sectionTeachers'] as const) await stopped.complete(role, rows[role]);
    setImmediate(() => controller.abort(new Error('run stopped')));
    await expect(stopped.complete('enrollments', rows.enrollments, controller.signal)).rejects.toThrow('run stopped');
    expect(aborted.rowCount('enrollments')).toBeLessThan(rows.enrollments.length);
  });
});
