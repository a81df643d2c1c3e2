import { afterEach, describe, expect, it } from 'vitest';
import type { PowerSchoolSim } from '../../../../src/sim/powerschool/server.js';
import type { Roster } from '../../../../src/roster/roster.js';
import { countIn, expectEnrolmentsAsInSis, psSetup, startPsSim } from '../../../helpers/powerschool.js';

// A whole roster read from the simulator over real sockets, checked against the simulator's
// database with plain SQL of its own.

let sim: PowerSchoolSim;
afterEach(async () => {
  await sim?.close();
});

async function read(powerschool: Record<string, unknown> = {}): Promise<Roster> {
  return psSetup(sim, powerschool).reader().read();
}

const count = (sql: string, ...params: unknown[]) => countIn(sim, sql, ...params);

describe('PowerSchool REST reader', () => {
  it('reads active students only, each with school, grade and the configured SIS id', async () => {
    sim = await startPsSim();
    const roster = await read();
    expect(roster.students).toHaveLength(count('SELECT COUNT(*) AS n FROM students WHERE enroll_status = 0'));
    expect(roster.students.every((s) => s.enrollStatus === 'active')).toBe(true);
    const row = sim.db.prepare('SELECT * FROM students WHERE id = 5').get() as Record<string, unknown>;
    const five = roster.students.find((s) => s.key === '5');
    if (row.enroll_status === 0) {
      expect(five).toMatchObject({
        sisId: String(row.student_number),
        schoolId: String(row.schoolid),
        grade: row.grade_level,
        firstName: row.first_name,
        lastName: row.last_name,
      });
    }
    expect(roster.schools.map((s) => s.id)).toEqual(['100', '200', '300']);
  });

  it('keeps names with accents, apostrophes and commas intact', async () => {
    sim = await startPsSim();
    const roster = await read();
    const expected = (
      sim.db.prepare('SELECT id, first_name, last_name FROM students WHERE enroll_status = 0').all() as Array<Record<string, string>>
    ).map((r) => `${r.id}:${r.first_name}|${r.last_name}`);
    expect(roster.students.map((s) => `${s.key}:${s.firstName}|${s.lastName}`)).toEqual(expected);
    expect(roster.students.some((s) => /[^\x00-\x7f]/.test(s.firstName + s.lastName))).toBe(true);
    expect(roster.students.some((s) => s.lastName.includes("'"))).toBe(true);
  });

  it('gives people without an id a null SIS id instead of dropping them', async () => {
    sim = await startPsSim();
    const roster = await read();
    expect(roster.students.find((s) => s.key === String(sim.facts?.studentWithoutNumber))?.sisId).toBeNull();
    expect(roster.staff.find((s) => s.key === String(sim.facts?.teacherWithoutNumber))?.sisId).toBeNull();
  });

  it('lists a teacher who works at two schools once, with both schools, and as teacher of sections at both', async () => {
    sim = await startPsSim();
    const roster = await read();
    const { usersDcid, schoolNumbers } = sim.facts!.twoSchoolTeacher;
    const matches = roster.staff.filter((s) => s.key === String(usersDcid));
    expect(matches).toHaveLength(1);
    expect(matches[0]?.schools.map((s) => s.schoolId).sort()).toEqual(schoolNumbers.map(String).sort());
    const taught = new Set(roster.sections.filter((s) => s.teacherKeys.includes(String(usersDcid))).map((s) => s.schoolId));
    expect([...taught].sort()).toEqual(schoolNumbers.map(String).sort());
    expect(roster.staff).toHaveLength(count('SELECT COUNT(DISTINCT users_dcid) AS n FROM schoolstaff'));
  });

  it('leaves dropped enrolments (negative SECTIONID) out of the section', async () => {
    sim = await startPsSim();
    expectEnrolmentsAsInSis(await read(), sim);
  });

  it('reads only the sections of terms that include the day, with the lead teacher first and co-teachers after', async () => {
    sim = await startPsSim();
    const roster = await read();
    expect(new Set(roster.sections.map((s) => s.term))).toEqual(new Set(['2024-25', 'S1']));
    const coTaught = roster.sections.find((s) => s.teacherKeys.length > 1);
    expect(coTaught).toBeDefined();
    const lead = sim.db
      .prepare('SELECT ss.users_dcid AS dcid FROM sections sec JOIN schoolstaff ss ON ss.id = sec.teacher WHERE sec.id = ?')
      .get(Number(coTaught?.key)) as { dcid: number };
    expect(coTaught?.teacherKeys[0]).toBe(String(lead.dcid));
    const spring = await read({ asOfDate: '2025-02-01' });
    expect(new Set(spring.sections.map((s) => s.term))).toEqual(new Set(['2024-25', 'S2']));
  });

  it('honours the student and staff id settings, the term label, statuses and included schools', async () => {
    sim = await startPsSim();
    const roster = await read({
      studentIdField: 'dcid',
      staffIdField: 'email',
      termLabel: 'termid',
      activeEnrollStatuses: [0, -1],
      schools: ['200'],
    });
    expect(roster.schools.map((s) => s.id)).toEqual(['200']);
    expect(new Set(roster.students.map((s) => s.schoolId))).toEqual(new Set(['200']));
    expect(roster.students).toHaveLength(count('SELECT COUNT(*) AS n FROM students WHERE enroll_status IN (0, -1) AND schoolid = 200'));
    expect(roster.students.every((s) => s.sisId === String(Number(s.key) + 50000))).toBe(true);
    const staffer = roster.staff.find((s) => s.email);
    expect(staffer?.sisId).toBe(staffer?.email);
    expect(roster.staff.every((s) => s.schools.every((school) => school.schoolId === '200'))).toBe(true);
    expect(new Set(roster.sections.map((s) => s.term))).toEqual(new Set(['3400', '3401']));
  });

  it('reads extra student fields from an extension table, and can use one as the SIS id', async () => {
    sim = await startPsSim();
    for (const field of ['STUDENTSDCID', 'COUNSELOR', 'ADVISORY']) sim.access.grant({ table: 'U_STUDENTSUSERFIELDS', field });
    for (const field of ['DCID', 'HOME_ROOM']) sim.access.grant({ table: 'STUDENTS', field });
    const roster = await read({
      studentFields: ['counselor=U_STUDENTSUSERFIELDS.COUNSELOR', 'U_STUDENTSUSERFIELDS.ADVISORY', 'homeroom=STUDENTS.HOME_ROOM'],
      studentIdField: 'advisory',
    });
    const row = sim.db
      .prepare(
        'SELECT s.id, s.home_room, u.counselor, u.advisory FROM students s JOIN u_studentsuserfields u ON u.studentsdcid = s.dcid WHERE s.enroll_status = 0 LIMIT 1',
      )
      .get() as Record<string, string>;
    const student = roster.students.find((s) => s.key === String(row.id));
    expect(student?.fields).toEqual({ counselor: row.counselor, advisory: row.advisory, homeroom: row.home_room });
    expect(student?.sisId).toBe(row.advisory);
    const without = roster.students.find((s) => !('advisory' in s.fields));
    expect(without).toBeDefined();
    expect(without?.sisId).toBeNull();
  });

  it('reads an extension table by its pages, whatever its count said', async () => {
    sim = await startPsSim();
    for (const field of ['STUDENTSDCID', 'COUNSELOR']) sim.access.grant({ table: 'U_STUDENTSUSERFIELDS', field });
    const studentFields = ['counselor=U_STUDENTSUSERFIELDS.COUNSELOR'];
    const expected = await read({ studentFields });
    const rows = (sim.db.prepare('SELECT COUNT(*) AS n FROM u_studentsuserfields').get() as { n: number }).n;
    // A row more than the table holds, once: as if one was added between the count and the pages.
    sim.faults.add({ kind: 'status', status: 200, body: { count: rows + 1 } }, 1, { path: '/ws/schema/table/u_studentsuserfields/count' });
    const setup = psSetup(sim, { studentFields });
    expect(await setup.reader().read()).toEqual(expected);
  });

  it('reads the same roster whether the queries answer flattened or grouped under tables', async () => {
    sim = await startPsSim();
    const flat = await read();
    sim.live.flattened = false;
    sim.live.emptyListStyle = 'null';
    const grouped = await read();
    expect(grouped).toEqual(flat);
  });
});

describe('sections and their courses', () => {
  it('keeps a section whose course number differs in case or whose course row is missing, and counts both in the log', async () => {
    sim = await startPsSim();
    const expected = await read();
    const [caseDiffers, missing] = expected.sections;
    const number = (key: string) => sim.db.prepare('SELECT course_number FROM sections WHERE id = ?').pluck().get(Number(key)) as string;
    const caseNumber = number(caseDiffers?.key as string);
    // A course entered as MATH101 and a section naming it math101; a section of a course that is gone.
    sim.db.prepare('UPDATE sections SET course_number = LOWER(course_number) WHERE id = ?').run(Number(caseDiffers?.key));
    sim.db.prepare('UPDATE courses SET course_number = UPPER(course_number) WHERE course_number = ?').run(caseNumber);
    sim.db.prepare("UPDATE sections SET course_number = 'GONE-1' WHERE id = ?").run(Number(missing?.key));
    const setup = psSetup(sim);
    const roster = await setup.reader().read();
    expect(roster.sections).toHaveLength(expected.sections.length);
    const byKey = new Map(roster.sections.map((s) => [s.key, s]));
    expect(byKey.get(caseDiffers?.key as string)?.courseName).toBe(caseDiffers?.courseName);
    expect(byKey.get(caseDiffers?.key as string)?.studentKeys.sort()).toEqual(caseDiffers?.studentKeys.sort());
    expect(byKey.get(missing?.key as string)?.courseName).toBe('');
    expect(byKey.get(missing?.key as string)?.studentKeys.sort()).toEqual(missing?.studentKeys.sort());
    const event = setup.captured.entries().find((e) => e.event === 'powerschool.sections.course_unmatched');
    expect(event).toMatchObject({ matchedIgnoringCase: 1, withoutCourse: 1 });
  });
});
