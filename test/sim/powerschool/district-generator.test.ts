import { describe, expect, it } from 'vitest';
import { openSimDatabase } from '../../../src/sim/powerschool/database.js';
import { generateDistrict } from '../../../src/sim/powerschool/district-generator.js';

// The seeded district: the same seed gives the same district, the planted cases are there, and
// it scales (the benchmark builds 50,000 students; here a tenth of that, to stay quick).

const dump = (seed: number) => {
  const db = openSimDatabase();
  generateDistrict(db, { seed, today: '2024-10-01', students: 120 });
  const rows = ['students', 'schoolstaff', 'sections', 'sectionteacher', 'cc'].map((t) =>
    db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all(),
  );
  db.close();
  return JSON.stringify(rows);
};

describe('simulated district', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(dump(7)).toBe(dump(7));
    expect(dump(7)).not.toBe(dump(8));
  });

  it('plants the cases a roster must get right', () => {
    const db = openSimDatabase();
    const facts = generateDistrict(db, { today: '2024-10-01', students: 120 });
    const { usersDcid, schoolNumbers } = facts.twoSchoolTeacher;
    expect(db.prepare('SELECT schoolid FROM schoolstaff WHERE users_dcid = ? ORDER BY schoolid').pluck().all(usersDcid)).toEqual(
      [...schoolNumbers].sort((a, b) => a - b),
    );
    expect(db.prepare('SELECT COUNT(*) FROM cc WHERE sectionid = ?').pluck().get(-facts.droppedEnrollment.sectionId)).toBeGreaterThan(0);
    expect(db.prepare('SELECT student_number FROM students WHERE id = ?').pluck().get(facts.studentWithoutNumber)).toBeNull();
    expect(db.prepare('SELECT COUNT(*) FROM sectionteacher WHERE roleid = 2').pluck().get()).toBeGreaterThan(0);
    expect(db.prepare('SELECT COUNT(DISTINCT enroll_status) FROM students').pluck().get()).toBeGreaterThan(2);
    expect(
      db.prepare("SELECT COUNT(*) FROM students WHERE last_name LIKE '%''%' OR first_name GLOB '*[^ -~]*'").pluck().get(),
    ).toBeGreaterThan(0);
    db.close();
  });

  it('builds 5,000 students with 30,000 enrolments in well under a few seconds', () => {
    const db = openSimDatabase();
    const started = Date.now();
    const facts = generateDistrict(db, { students: 5000, schools: 8, enrollmentsPerStudent: 6, today: '2024-10-01' });
    const ms = Date.now() - started;
    expect(facts.counts.students).toBe(5000);
    expect(facts.counts.enrollments).toBeGreaterThan(25_000);
    // A generous bound: about 0.2 s on a quiet machine; minutes would mean row-by-row commits.
    expect(ms).toBeLessThan(10_000);
    db.close();
  });
});
