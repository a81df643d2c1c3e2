import { compareStrings } from '../desired/model.js';
import type { CompiledRule } from '../config/mapping-rules/compile-rules.js';
import { fieldValue, globToRegExp } from './filters.js';
import { preview } from './preview.js';
import type { RosterIndex } from './roster-index.js';

// What the configuration can only be checked against once a roster is read. A field name the
// roster does not have is an error: a renamed field would otherwise empty every dashboard the
// rule made. A school, term or course that matches nothing is a warning, shown in `plan`.

export function unknownFieldProblems(rules: readonly CompiledRule[], index: RosterIndex): string[] {
  const problems: string[] = [];
  const known = [...index.studentFields].sort(compareStrings);
  const has = known.length > 0 ? `it has ${known.join(', ')}` : 'it has none';
  for (const rule of rules) {
    const where = `mapping.rules[${rule.index}] ("${rule.config.name}")`;
    const used: Array<[string, string]> = Object.keys(rule.config.students.fields ?? {}).map((field) => [
      `students.fields.${field}`,
      field,
    ]);
    if (rule.config.kind === 'student-field') used.unshift(['field', rule.config.field]);
    for (const [path, field] of used) {
      if (!index.studentFields.has(field)) problems.push(`${where}: field "${path}": the roster has no student field "${field}"; ${has}`);
    }
  }
  return problems;
}

export function filterValueWarnings(rules: readonly CompiledRule[], index: RosterIndex): string[] {
  const warnings: string[] = [];
  const schools = [...index.schools.values()].map((s) => `${s.id} ${s.name}`);
  for (const rule of rules) {
    const unknownSchools = (list: readonly string[] | undefined, path: string) => {
      for (const id of list ?? []) {
        if (!index.schools.has(id))
          warnings.push(`${rule.label}: ${path} names school "${id}", which is not in the roster (${preview(schools)})`);
      }
    };
    unknownSchools(rule.config.students.schools, 'students.schools');
    if (rule.config.kind === 'teacher') {
      const { sections } = rule.config;
      unknownSchools(sections.schools, 'sections.schools');
      const columns = [
        ['courseNumbers', sections.courseNumbers, (s: { courseNumber: string }) => s.courseNumber],
        ['excludeCourseNumbers', sections.excludeCourseNumbers, (s: { courseNumber: string }) => s.courseNumber],
        ['terms', sections.terms, (s: { term: string }) => s.term],
        ['periods', sections.periods, (s: { period: string }) => s.period],
      ] as const;
      for (const [path, patterns, valueOf] of columns) {
        if (!patterns) continue;
        const seen = [...new Set(index.sections.map((section) => valueOf(section).trim()))].sort(compareStrings);
        for (const pattern of patterns) {
          const regexp = globToRegExp(pattern);
          if (!seen.some((value) => regexp.test(value))) {
            warnings.push(`${rule.label}: sections.${path} "${pattern}" matches no section in the roster (${preview(seen)})`);
          }
        }
      }
    }
    // Only a rule with a table to check walks the students, and only until every value listed
    // in its tables has been seen: usually a few hundred students, not the district.
    if (rule.config.kind === 'student-field' && rule.config.viewers.some((spec) => spec.table)) {
      const { field, split } = rule.config;
      const unseen = new Set(rule.config.viewers.flatMap((spec) => Object.keys(spec.table ?? {})));
      for (const student of index.students) {
        if (unseen.size === 0) break;
        const value = fieldValue(student, field);
        if (!split) unseen.delete(value);
        else for (const part of value.split(split)) unseen.delete(part.trim());
      }
      rule.config.viewers.forEach((spec, position) => {
        for (const value of Object.keys(spec.table ?? {})) {
          if (unseen.has(value))
            warnings.push(`${rule.label}: viewers[${position}].table lists "${value}", which no student has in ${field}`);
        }
      });
    }
  }
  return warnings;
}
