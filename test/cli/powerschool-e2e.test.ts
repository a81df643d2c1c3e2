import { describe, expect, it } from 'vitest';
import type { AspirEduSim } from '../../src/sim/aspiredu/server.js';
import { demoPeople } from '../../src/sim/demo-district.js';
import type { MailSink } from '../../src/sim/mail-sink.js';
import type { PowerSchoolSim } from '../../src/sim/powerschool/server.js';
import { runCli } from '../helpers/cli.js';
import { startDemoSims } from '../helpers/demo-sims.js';

// The whole path through the real CLI: PowerSchool simulator → plugin PowerQueries → roster →
// mapping rules → plan → uploads to the AspirEDU simulator. Expectations come from the
// simulator's own database, not from the code under test.

let ps: PowerSchoolSim;
let aspiredu: AspirEduSim;
let mail: MailSink;

async function setup() {
  const demo = await startDemoSims();
  ({ ps, aspiredu, mail } = demo);
  return { ...demo.env, SIS_SYNC_ASPIREDU_POLL_INTERVAL_SECONDS: '0.02' };
}

function ids(rows: unknown[]): string[] {
  return (rows as Array<{ id: string | number }>).map((r) => String(r.id)).sort();
}

describe('PowerSchool to AspirEDU through the CLI', () => {
  it('uploads grade, teacher, caseload, programme and team dashboards that match the SIS', async () => {
    const env = await setup();
    const first = await runCli(['once'], env);
    expect(first.stderr).not.toContain('"level":"error"');
    expect(first.code).toBe(0);

    // Grade 10 of the high school: every active student with a student number (the two
    // students AspirEDU does not know yet are reported missing, not uploaded).
    const school = ps.db.prepare(`SELECT school_number, name FROM schools WHERE high_grade = 12`).get() as {
      school_number: number;
      name: string;
    };
    const unknown = new Set(demoPeople().unknownStudents);
    const expected = ids(
      ps.db
        .prepare(
          `SELECT student_number AS id FROM students WHERE schoolid = ? AND grade_level = 10 AND enroll_status = 0 AND student_number IS NOT NULL`,
        )
        .all(school.school_number),
    ).filter((id) => !unknown.has(id));
    expect(aspiredu.model.memberIds('', `${school.name} – Grade 10`, 'student')).toEqual(expected);

    // The teacher who works at two schools has one dashboard with the students of both.
    const teacher = ps.db
      .prepare(`SELECT first_name, last_name, teachernumber FROM users WHERE dcid = ?`)
      .get(ps.facts!.twoSchoolTeacher.usersDcid) as {
      first_name: string;
      last_name: string;
      teachernumber: string;
    };
    const name = `${teacher.last_name}, ${teacher.first_name} – Students`;
    expect(aspiredu.model.memberIds('', name, 'viewer')).toEqual([teacher.teachernumber]);
    const onDashboard = aspiredu.model.memberIds('', name, 'student');
    const schoolOf = ps.db.prepare(`SELECT schoolid FROM students WHERE student_number = ?`);
    const schools = new Set(onDashboard.map((id) => (schoolOf.get(Number(id)) as { schoolid: number }).schoolid));
    expect([...schools].sort()).toEqual([...ps.facts!.twoSchoolTeacher.schoolNumbers].sort());

    // The dropped enrolment is not on its section's teacher's dashboard.
    const dropped = ps.db
      .prepare(`SELECT st.student_number AS id FROM students st WHERE st.id = ?`)
      .get(ps.facts!.droppedEnrollment.studentId) as { id: number };
    const stillEnrolledElsewhere = ps.db
      .prepare(
        `SELECT COUNT(*) AS n FROM cc JOIN sections sec ON sec.id = cc.sectionid JOIN sections dsec ON dsec.id = ?
         WHERE cc.studentid = ? AND cc.sectionid > 0 AND sec.teacher = dsec.teacher`,
      )
      .get(ps.facts!.droppedEnrollment.sectionId, ps.facts!.droppedEnrollment.studentId) as { n: number };
    // The planted student has no other section with that teacher.
    expect(stillEnrolledElsewhere.n).toBe(0);
    const lead = ps.db
      .prepare(
        `SELECT u.first_name, u.last_name FROM sections sec JOIN schoolstaff ss ON ss.id = sec.teacher JOIN users u ON u.dcid = ss.users_dcid WHERE sec.id = ?`,
      )
      .get(ps.facts!.droppedEnrollment.sectionId) as { first_name: string; last_name: string };
    expect(aspiredu.model.memberIds('', `${lead.last_name}, ${lead.first_name} – Students`, 'student')).not.toContain(String(dropped.id));

    // Teams split on ";", the coach as an ally; ELL students with the coordinator.
    const football = ids(
      ps.db
        .prepare(
          `SELECT student_number AS id FROM students WHERE enroll_status = 0 AND student_number IS NOT NULL AND ';' || team || ';' LIKE '%;Football;%'`,
        )
        .all(),
    ).filter((id) => !unknown.has(id));
    expect(aspiredu.model.memberIds('', 'Athletics – Football', 'student')).toEqual(football);
    expect(aspiredu.model.viewerAllies('', 'Athletics – Football')).toEqual({ T00003: true });
    expect(aspiredu.model.viewerAllies('', 'ELL Programme')).toEqual({ T00028: false });

    // The registrar hears about the students AspirEDU does not know, by name.
    expect(mail.received.map((m) => m.to)).toContainEqual(['registrar@demo-district.example']);

    const second = await runCli(['once'], env);
    expect(second.stdout).toContain('Nothing changed');
  });

  it('lists everyone AspirEDU does not know, by name and school, with the dashboards they were meant for', async () => {
    const env = await setup();
    expect((await runCli(['missing'], env)).stdout).toMatch(/No runs yet/);
    expect((await runCli(['once'], env)).code).toBe(0);
    const listed = await runCli(['missing', '--json'], env);
    expect(listed.code).toBe(0);
    const users = JSON.parse(listed.stdout) as Array<{
      userId: string;
      dataType: string;
      person: { name: string; school: string } | null;
      dashboards: string[];
    }>;
    const unknown = demoPeople().unknownStudents;
    expect(users.map((u) => u.userId).sort()).toEqual([...unknown].sort());
    for (const user of users) {
      const row = ps.db
        .prepare(
          `SELECT s.first_name, s.last_name, sc.name AS school FROM students s JOIN schools sc ON sc.school_number = s.schoolid WHERE s.student_number = ?`,
        )
        .get(Number(user.userId)) as { first_name: string; last_name: string; school: string };
      expect(user).toMatchObject({ dataType: 'student', person: { school: row.school } });
      expect(user.person?.name).toContain(row.last_name.trim());
      expect(user.dashboards.length).toBeGreaterThan(0);
    }
    const table = await runCli(['missing'], env);
    expect(table.stdout).toContain(users[0]?.person?.name ?? '?');
    expect(table.stdout).toContain(`${users.length} people unknown to AspirEDU`);
  });

  it('explains a dashboard: the rule that made it and why each member is on it', async () => {
    const env = await setup();
    const result = await runCli(['plan', '--explain', 'Athletics – Soccer'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('rule "Athletics"');
    expect(result.stdout).toMatch(/T00006/);
    expect(aspiredu.requests).toEqual([]);
  });
});
