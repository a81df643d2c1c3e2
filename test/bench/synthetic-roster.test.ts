import { describe, expect, it } from 'vitest';
import { rosterRows, scaleRoster } from '../../bench/synthetic-roster.js';
import { generateDistrict } from '../helpers/district.js';

// The synthetic district of the mapping figure: copies of a roster that make their own dashboards.

describe('scaleRoster', () => {
  const { roster } = generateDistrict({ seed: 3, students: 200 });

  it('copies the roster with suffixed ids, the last copy with part of the schools', () => {
    const scaled = scaleRoster(roster, 2.5);
    expect(scaled.schools).toHaveLength(roster.schools.length * 2 + Math.round(roster.schools.length / 2));
    expect(new Set(scaled.students.map((s) => s.key)).size).toBe(scaled.students.length);
    const sisIds = scaled.students.flatMap((s) => (s.sisId ? [s.sisId] : []));
    expect(new Set(sisIds).size).toBe(sisIds.length);
    expect(scaled.students.length).toBeGreaterThan(roster.students.length * 2);
    expect(rosterRows(scaled)).toBeGreaterThan(rosterRows(roster) * 2);
  });

  it('keeps each copy consistent: sections point at its students and teachers, fields at its counsellors', () => {
    const scaled = scaleRoster(roster, 2);
    const students = new Set(scaled.students.map((s) => s.key));
    const staff = new Set(scaled.staff.map((s) => s.key));
    for (const section of scaled.sections) {
      expect(section.studentKeys.every((key) => students.has(key))).toBe(true);
      expect(section.teacherKeys.every((key) => staff.has(key))).toBe(true);
    }
    const staffIds = new Set(scaled.staff.map((s) => s.sisId));
    const copied = scaled.students.filter((s) => s.key.endsWith('~2') && s.fields.counselor);
    expect(copied.length).toBeGreaterThan(0);
    expect(copied.every((s) => s.fields.counselor?.endsWith('~2') && staffIds.has(s.fields.counselor))).toBe(true);
    expect(scaleRoster(roster, 1)).toEqual(scaleRoster(roster, 1));
  });
});
