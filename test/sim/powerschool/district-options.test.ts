import { describe, expect, it } from 'vitest';
import { openSimDatabase } from '../../../src/sim/powerschool/database.js';
import { generateDistrict, type DistrictOptions } from '../../../src/sim/powerschool/district-generator.js';

// The generator's options for a district at scale: duplicate records, and staff names that do
// not repeat by the hundred. Both are off by default, so that small districts stay as they were.

function generate(options: DistrictOptions) {
  const db = openSimDatabase();
  const facts = generateDistrict(db, { seed: 4, today: '2024-10-01', ...options });
  return { db, facts };
}

describe('district generator options', () => {
  it('writes duplicate students and staff that share a number with another record', () => {
    const { db, facts } = generate({ students: 400, duplicates: 4 });
    expect(facts.duplicated.studentNumbers).toHaveLength(2);
    expect(facts.duplicated.teacherNumbers).toHaveLength(2);
    expect(facts.counts.students).toBe(402);
    for (const number of facts.duplicated.studentNumbers) {
      const rows = db.prepare('SELECT schoolid, first_name, last_name, enroll_status FROM students WHERE student_number = ?').all(number);
      expect(rows).toHaveLength(2);
      const [one, two] = rows as Array<{ schoolid: number; first_name: string; enroll_status: number }>;
      expect(one?.first_name).toBe(two?.first_name);
      expect(one?.schoolid).not.toBe(two?.schoolid);
      expect(two?.enroll_status).toBe(0);
    }
    for (const number of facts.duplicated.teacherNumbers) {
      expect(db.prepare('SELECT COUNT(*) FROM users WHERE teachernumber = ?').pluck().get(number)).toBe(2);
    }
    db.close();
  });

  it('writes no duplicate without the option', () => {
    const { db, facts } = generate({ students: 400 });
    expect(facts.duplicated).toEqual({ studentNumbers: [], teacherNumbers: [] });
    expect(
      db
        .prepare(
          'SELECT COUNT(*) FROM (SELECT student_number FROM students WHERE student_number IS NOT NULL GROUP BY 1 HAVING COUNT(*) > 1)',
        )
        .pluck()
        .get(),
    ).toBe(0);
    db.close();
  });

  it('keeps staff homonyms few with distinctStaffNames', () => {
    const homonyms = (distinctStaffNames: boolean) => {
      const { db } = generate({ students: 2000, teachers: 700, otherStaff: 100, distinctStaffNames });
      const count = db
        .prepare('SELECT COUNT(*) FROM (SELECT 1 FROM users GROUP BY first_name, last_name HAVING COUNT(*) > 1)')
        .pluck()
        .get();
      db.close();
      return count as number;
    };
    const plain = homonyms(false);
    const distinct = homonyms(true);
    expect(plain).toBeGreaterThan(100);
    expect(distinct).toBeLessThan(plain / 10);
  });
});
