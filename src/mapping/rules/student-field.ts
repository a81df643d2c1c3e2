import type { RosterStudent } from '../../roster/roster.js';
import { compareStrings } from '../../desired/model.js';
import type { CompiledRule } from '../../config/mapping-rules/compile-rules.js';
import { fieldValue, studentMatches } from '../filters.js';
import { addStudent, personLabel, type Instance } from '../instance.js';
import { preview } from '../preview.js';
import { schoolOf } from '../roster-index.js';
import type { StudentFieldRuleConfig } from '../../config/mapping-rules/rule-schema.js';
import { usesPlaceholder } from '../../config/mapping-rules/template.js';
import { resolveViewers, staffNamedBy } from '../viewers.js';
import { personValues, schoolValues, SEP, sortedInstances, type RuleContext } from './context.js';

// One dashboard per distinct value of a student field: a counsellor's caseload, an advisory, a
// team, a programme. Viewers come from the value itself (the counsellor it names) or from a
// table in the config (the coach of a team). With `split`, one field holds several values
// ("Football;Track") and the student is on each dashboard. Empty values make no dashboard.

export function studentFieldInstances(rule: CompiledRule & { config: StudentFieldRuleConfig }, context: RuleContext): Instance[] {
  const { index } = context;
  const { field, perSchool } = rule.config;
  const fromValue = rule.config.viewers.find((spec) => spec.fromValue)?.fromValue;
  const namesStaff = usesPlaceholder(rule.template, 'staff');
  const byId = new Map<string, Instance | null>();
  const nobody = new Map<string, number>();
  const several: string[] = [];
  for (const student of index.students) {
    if (!studentMatches(student, rule.config.students)) continue;
    for (const value of valuesOf(student, rule.config)) {
      const school = perSchool ? schoolOf(index, student.schoolId) : undefined;
      const id = school ? `${value}${SEP}${school.id}` : value;
      let instance = byId.get(id);
      if (instance === undefined) {
        const staff = fromValue ? staffNamedBy(index, fromValue, value) : [];
        if (fromValue && staff.length > 1) several.push(`"${value}" (${staff.map(personLabel).join(', ')})`);
        const owner = namesStaff ? staff[0] : undefined;
        instance =
          namesStaff && !owner
            ? null
            : {
                rule,
                dims: { value, ...(owner ? { staff: owner.key } : {}), ...(school ? { school: school.id } : {}) },
                label: `${field} = "${value}"${school ? ` at ${school.name}` : ''}`,
                values: { value, field, ...(owner ? personValues('staff', owner) : {}), ...(school ? schoolValues(school) : {}) },
                students: [],
                reasons: context.withReasons ? new Map() : undefined,
                viewers: resolveViewers(rule, { ...(school ? { school } : {}), field, value }, index),
                owner,
              };
        byId.set(id, instance);
        if (fromValue && staff.length === 0 && !nobody.has(value)) nobody.set(value, 0);
      }
      if (nobody.has(value)) nobody.set(value, (nobody.get(value) ?? 0) + 1);
      if (instance) addStudent(instance, student, instance.reasons && `${field} = "${value}"`);
    }
  }
  if (nobody.size > 0 && fromValue) {
    const values = [...nobody.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([value, count]) => `"${value}" (${count} students)`);
    const outcome = namesStaff
      ? 'so no dashboard is made for them (the name needs {staff.*})'
      : 'so their dashboards have no viewer from the field';
    context.warn(
      `${rule.label}: ${values.length} value(s) of ${field} name no active staff member by ${fromValue}, ${outcome}: ${preview(values)}`,
    );
  }
  if (several.length > 0) {
    context.warn(
      `${rule.label}: ${several.length} value(s) of ${field} name more than one staff member; all of them see the dashboard: ${preview(several)}`,
    );
  }
  return sortedInstances(new Map([...byId].filter((entry): entry is [string, Instance] => entry[1] !== null)));
}

const NO_VALUES: readonly string[] = [];

function valuesOf(student: RosterStudent, config: StudentFieldRuleConfig): readonly string[] {
  const raw = fieldValue(student, config.field);
  // Most students have no value, or a single one: no list to build, split and deduplicate.
  if (raw === '') return NO_VALUES;
  if (!config.split || !raw.includes(config.split)) return config.values && !config.values.includes(raw) ? NO_VALUES : [raw];
  const parts = raw.split(config.split);
  const values = [...new Set(parts.map((part) => part.trim()).filter(Boolean))];
  return config.values ? values.filter((value) => config.values?.includes(value)) : values;
}
