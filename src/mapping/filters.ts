import type { RosterSection, RosterStudent } from '../roster/roster.js';
import type { SectionFilter, StudentFilter } from '../config/mapping-rules/rule-schema.js';

// Which students and sections a rule takes. Values compare exactly after trimming; in section
// filters a "*" matches any run of characters ("ENG*" takes ENG101 and ENG-9).

export function studentMatches(student: RosterStudent, filter: StudentFilter): boolean {
  if (!filter.enrollStatus.includes(student.enrollStatus)) return false;
  if (filter.schools && !filter.schools.includes(student.schoolId)) return false;
  if (filter.grades && (student.grade === null || !filter.grades.includes(student.grade))) return false;
  if (filter.fields) {
    // for...in rather than Object.entries: this runs once per student and rule, tens of thousands of times.
    for (const field in filter.fields) {
      const wanted = filter.fields[field] as string | string[];
      const value = fieldValue(student, field);
      if (Array.isArray(wanted) ? !wanted.includes(value) : wanted !== value) return false;
    }
  }
  return true;
}

export function fieldValue(student: RosterStudent, field: string): string {
  return (student.fields[field] ?? '').trim();
}

export class SectionMatcher {
  private readonly include: { courses?: RegExp[]; terms?: RegExp[]; periods?: RegExp[] };
  private readonly exclude: RegExp[];

  constructor(private readonly filter: SectionFilter) {
    this.include = {
      ...(filter.courseNumbers ? { courses: filter.courseNumbers.map(globToRegExp) } : {}),
      ...(filter.terms ? { terms: filter.terms.map(globToRegExp) } : {}),
      ...(filter.periods ? { periods: filter.periods.map(globToRegExp) } : {}),
    };
    this.exclude = (filter.excludeCourseNumbers ?? []).map(globToRegExp);
  }

  matches(section: RosterSection): boolean {
    if (this.filter.schools && !this.filter.schools.includes(section.schoolId)) return false;
    if (this.include.courses && !anyMatch(this.include.courses, section.courseNumber)) return false;
    if (this.exclude.length > 0 && anyMatch(this.exclude, section.courseNumber)) return false;
    if (this.include.terms && !anyMatch(this.include.terms, section.term)) return false;
    if (this.include.periods && !anyMatch(this.include.periods, section.period)) return false;
    return true;
  }
}

export function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'u');
}

function anyMatch(patterns: readonly RegExp[], value: string): boolean {
  const trimmed = value.trim();
  return patterns.some((pattern) => pattern.test(trimmed));
}

/** The filter in words, for explanations: "active; school 100; grades 9, 10; ell = Y". */
export function describeStudentFilter(filter: StudentFilter): string {
  const parts = [filter.enrollStatus.join(' or ')];
  if (filter.schools) parts.push(`school ${filter.schools.join(' or ')}`);
  if (filter.grades) parts.push(`grade ${filter.grades.join(' or ')}`);
  for (const [field, wanted] of Object.entries(filter.fields ?? {})) {
    parts.push(`${field} = ${(Array.isArray(wanted) ? wanted : [wanted]).map((v) => JSON.stringify(v)).join(' or ')}`);
  }
  return parts.join('; ');
}
