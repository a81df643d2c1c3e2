import type { CompiledRule } from '../compile-rules.js';
import { studentMatches } from '../filters.js';
import { addStudent, type Instance } from '../instance.js';
import { schoolOf } from '../roster-index.js';
import type { SchoolGradeRuleConfig } from '../rule-schema.js';
import { resolveViewers } from '../viewers.js';
import { gradeName, schoolValues, SEP, sortedInstances, type RuleContext } from './context.js';

// One dashboard per school and grade ("Lincoln High – Grade 9"), seen by that school's staff
// with the listed roles and by listed SIS ids. Students without a grade are on none.

export function schoolGradeInstances(rule: CompiledRule & { config: SchoolGradeRuleConfig }, context: RuleContext): Instance[] {
  const { index } = context;
  const byId = new Map<string, Instance>();
  for (const student of index.students) {
    if (student.grade === null || !studentMatches(student, rule.config.students)) continue;
    // Zero-padded and offset so that the id sorts by number: pre-K (-2) before K (0) before 12.
    const id = `${student.schoolId}${SEP}${String(student.grade + 100).padStart(4, '0')}`;
    let instance = byId.get(id);
    const school = schoolOf(index, student.schoolId);
    const grade = gradeName(context, student.grade);
    if (!instance) {
      instance = {
        rule,
        dims: { school: school.id, grade: String(student.grade) },
        label: `${school.name} (${school.id}), grade ${grade}`,
        values: { ...schoolValues(school), grade },
        students: new Map(),
        reasons: context.withReasons ? new Map() : undefined,
        viewers: resolveViewers(rule, { school }, index),
      };
      byId.set(id, instance);
    }
    addStudent(instance, student, instance.reasons && `grade ${grade} at ${school.name}, ${student.enrollStatus}`);
  }
  return sortedInstances(byId);
}
