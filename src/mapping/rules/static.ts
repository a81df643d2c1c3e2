import type { CompiledRule } from '../../config/mapping-rules/compile-rules.js';
import { describeStudentFilter, studentMatches } from '../filters.js';
import { addStudent, type Instance } from '../instance.js';
import { schoolOf } from '../roster-index.js';
import type { StaticRuleConfig } from '../../config/mapping-rules/rule-schema.js';
import { resolveViewers } from '../viewers.js';
import { schoolValues, sortedInstances, type RuleContext } from './context.js';

// A named dashboard: the students that match a filter (an ELL programme, a grade band), the
// viewers listed. With `perSchool`, one such dashboard per school.

export function staticInstances(rule: CompiledRule & { config: StaticRuleConfig }, context: RuleContext): Instance[] {
  const { index } = context;
  const because = `matches ${describeStudentFilter(rule.config.students)}`;
  const byId = new Map<string, Instance>();
  for (const student of index.students) {
    if (!studentMatches(student, rule.config.students)) continue;
    const school = rule.config.perSchool ? schoolOf(index, student.schoolId) : undefined;
    const id = school?.id ?? '';
    let instance = byId.get(id);
    if (!instance) {
      instance = {
        rule,
        dims: school ? { school: school.id } : {},
        label: school ? `${school.name} (${school.id})` : 'the whole district',
        values: school ? schoolValues(school) : {},
        students: [],
        reasons: context.withReasons ? new Map() : undefined,
        viewers: resolveViewers(rule, school ? { school } : {}, index),
        owner: undefined,
      };
      byId.set(id, instance);
    }
    addStudent(instance, student, because);
  }
  return sortedInstances(byId);
}
