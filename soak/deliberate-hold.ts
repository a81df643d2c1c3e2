import type { SimDatabase } from '../src/sim/powerschool/database.js';

// The one trouble the guard is there for, caused on purpose once a year: PowerSchool answers
// without a school's students (a broken export, a plugin half-configured), as if the school had
// closed overnight. The run must be held and upload nothing; the next day the school is back.

export interface VanishedSchool {
  school: number;
  students: number;
  restore(): void;
}

export function vanishSchool(db: SimDatabase): VanishedSchool {
  // The smallest school, so that the school-emptied finding (not only the removal limits) holds the run.
  const { school } = db
    .prepare(`SELECT schoolid AS school FROM students WHERE enroll_status = 0 GROUP BY schoolid ORDER BY COUNT(*), schoolid LIMIT 1`)
    .get() as { school: number };
  const ids = (db.prepare(`SELECT id FROM students WHERE schoolid = ? AND enroll_status = 0`).all(school) as Array<{ id: number }>).map(
    (r) => r.id,
  );
  const hide = db.prepare(`UPDATE students SET enroll_status = 4 WHERE id = ?`);
  const show = db.prepare(`UPDATE students SET enroll_status = 0 WHERE id = ?`);
  db.transaction(() => ids.forEach((id) => hide.run(id)))();
  return {
    school,
    students: ids.length,
    restore: () => db.transaction(() => ids.forEach((id) => show.run(id)))(),
  };
}
