import type { CompiledRule } from '../../config/mapping-rules/compile-rules.js';
import { studentMatches } from '../filters.js';
import { addStudent, type Instance } from '../instance.js';
import { schoolOf } from '../roster-index.js';
import type { SchoolGradeRuleConfig } from '../../config/mapping-rules/rule-schema.js';
import { resolveViewers } from '../viewers.js';
import { gradeName, schoolValues, SEP, sortedInstances, type RuleContext } from './context.js';

// One dashboard per school and grade ("Lincoln High – Grade 9"), seen by that school's staff
// with the listed roles and by listed SIS ids. Students without a grade are on none.

export function schoolGradeInstances(rule: CompiledRule & { config: SchoolGradeRuleConfig }, context: RuleContext): Instance[] {
  const { index } = context;
  const byId = new Map<string, Instance>();
  // Found by school, then grade: no key string built for each of tens of thousands of students.
  const bySchool = new Map<string, Map<number, Instance>>();
  for (const student of index.students) {
    if (student.grade === null || !studentMatches(student, rule.config.students)) continue;
    let grades = bySchool.get(student.schoolId);
    if (!grades) bySchool.set(student.schoolId, (grades = new Map()));
    let instance = grades.get(student.grade);
    if (!instance) {
      const school = schoolOf(index, student.schoolId);
      const grade = gradeName(context, student.grade);
      instance = {
        rule,
        dims: { school: school.id, grade: String(student.grade) },
        label: `${school.name} (${school.id}), grade ${grade}`,
        values: { ...schoolValues(school), grade },
        students: [],
        reasons: context.withReasons ? new Map() : undefined,
        viewers: resolveViewers(rule, { school }, index),
        owner: undefined,
      };
      // Zero-padded and offset so that the id sorts by number: pre-K (-2) before K (0) before 12.
      byId.set(`${student.schoolId}${SEP}${String(student.grade + 100).padStart(4, '0')}`, instance);
      grades.set(student.grade, instance);
    }
    const reason =
      instance.reasons &&
      `grade ${gradeName(context, student.grade)} at ${schoolOf(index, student.schoolId).name}, ${student.enrollStatus}`;
    addStudent(instance, student, reason);
  }
  return sortedInstances(byId);
}
