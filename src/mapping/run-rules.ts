import { ConfigError, SourceError } from '../errors.js';
import type { Desired } from '../desired/model.js';
import type { DashboardExplanation } from '../desired/ports.js';
import { DashboardAssembler } from './assemble.js';
import type { CompiledRule } from '../config/mapping-rules/compile-rules.js';
import { personLabel, type Instance } from './instance.js';
import type { ModuleRows } from './mapping-module.js';
import { duplicateIdWarnings } from './people.js';
import { preview } from './preview.js';
import { filterValueWarnings } from './roster-checks.js';
import type { RosterIndex } from './roster-index.js';
import type {
  SchoolGradeRuleConfig,
  StaticRuleConfig,
  StudentFieldRuleConfig,
  TeacherRuleConfig,
} from '../config/mapping-rules/rule-schema.js';
import type { RuleContext } from './rules/context.js';
import { schoolGradeInstances } from './rules/school-grade.js';
import { staticInstances } from './rules/static.js';
import { studentFieldInstances } from './rules/student-field.js';
import { teacherInstances } from './rules/teacher.js';

// Every rule, in configuration order, then the module's rows: the whole mapping of one roster.
// Pure: the same index, rules and rows give the same result, to the byte.

export interface MappingOptions {
  defaultAccount: string;
  onCollision: 'merge' | 'fail';
  gradeNames: Readonly<Record<string, string>>;
}

export interface RuleOutcome {
  rule: string;
  dashboards: number;
}

export interface MappingOutcome {
  desired: Desired;
  warnings: string[];
  stats: Record<string, number>;
  perRule: RuleOutcome[];
  explanations: DashboardExplanation[] | undefined;
}

const MAX_LISTED_PROBLEMS = 20;

export function runRules(
  index: RosterIndex,
  rules: readonly CompiledRule[],
  options: MappingOptions,
  moduleRows?: ModuleRows,
  explain?: string,
): MappingOutcome {
  const warnings = [...duplicateIdWarnings(index), ...filterValueWarnings(rules, index)];
  const context: RuleContext = {
    index,
    gradeNames: options.gradeNames,
    withReasons: explain !== undefined,
    warn: (message) => warnings.push(message),
  };
  const assembler = new DashboardAssembler({
    defaultAccount: options.defaultAccount,
    onCollision: options.onCollision,
    ...(explain === undefined ? {} : { explain }),
    describeViewer: (sisId) => {
      const staff = index.staffBySisId.get(sisId)?.[0];
      return staff ? personLabel(staff) : sisId;
    },
  });
  const perRule: RuleOutcome[] = [];
  for (const rule of rules) {
    let dashboards = 0;
    // Each instance is let go once added: together a rule's instances hold every membership it
    // makes, which the dashboards then hold a second time.
    const instances = instancesOf(rule, context).reverse();
    for (let instance = instances.pop(); instance; instance = instances.pop()) if (assembler.addInstance(instance)) dashboards++;
    perRule.push({ rule: rule.config.name, dashboards });
    if (dashboards === 0) warnings.push(`${rule.label} made no dashboard: no student with a SIS id matches it`);
  }
  let moduleRowCount = 0;
  for (const { part, file } of moduleRows?.parts ?? []) {
    assembler.addModuleRows(file, moduleRows?.origin ?? 'mapping.module', part);
    moduleRowCount += file.rows.length;
  }
  const result = assembler.finish();
  throwIfProblems(result.nameProblems, result.collisionProblems);
  warnings.push(...result.warnings);
  const skipped = [skippedWarning(result.skippedStudents, 'student'), skippedWarning(result.skippedStaff, 'staff member')].filter(
    (w): w is string => w !== undefined,
  );
  warnings.push(...skipped);

  const stats: Record<string, number> = {
    schools: index.schools.size,
    students: index.students.length,
    staff: index.staff.length,
    sections: index.sections.length,
    studentDashboards: 0,
    viewerDashboards: 0,
    studentMemberships: 0,
    viewerMemberships: 0,
    studentsSkippedNoSisId: result.skippedStudents.length,
    staffSkippedNoSisId: result.skippedStaff.length,
    allyConflicts: result.allyConflicts,
    moduleRows: moduleRowCount,
  };
  for (const dashboard of result.desired.values()) {
    stats[`${dashboard.dataType}Dashboards`] = (stats[`${dashboard.dataType}Dashboards`] ?? 0) + 1;
    stats[`${dashboard.dataType}Memberships`] = (stats[`${dashboard.dataType}Memberships`] ?? 0) + dashboard.members.size;
  }
  return { desired: result.desired, warnings, stats, perRule, explanations: result.explanations };
}

function instancesOf(rule: CompiledRule, context: RuleContext): Instance[] {
  switch (rule.config.kind) {
    case 'school-grade':
      return schoolGradeInstances(rule as CompiledRule & { config: SchoolGradeRuleConfig }, context);
    case 'teacher':
      return teacherInstances(rule as CompiledRule & { config: TeacherRuleConfig }, context);
    case 'student-field':
      return studentFieldInstances(rule as CompiledRule & { config: StudentFieldRuleConfig }, context);
    case 'static':
      return staticInstances(rule as CompiledRule & { config: StaticRuleConfig }, context);
  }
}

function throwIfProblems(nameProblems: readonly string[], collisionProblems: readonly string[]): void {
  const all = [...collisionProblems, ...nameProblems];
  if (all.length === 0) return;
  const listed = all.slice(0, MAX_LISTED_PROBLEMS).map((line) => `  ${line}`);
  if (all.length > MAX_LISTED_PROBLEMS) listed.push(`  … and ${all.length - MAX_LISTED_PROBLEMS} more`);
  const message = `The mapping rules have ${all.length} problem${all.length > 1 ? 's' : ''} with dashboard names; nothing was uploaded:\n${listed.join('\n')}`;
  if (collisionProblems.length > 0) {
    throw new ConfigError(message, {
      code: 'MAPPING_COLLISION',
      key: 'mapping.onCollision',
      hint: 'Change a nameTemplate so that the names differ, or set mapping.onCollision to "merge" to merge them.',
    });
  }
  throw new SourceError(message, {
    code: 'MAPPING_BAD_NAME',
    hint: `Fix the person's record in the SIS, or change the rule's nameTemplate (names are at most 255 characters, never empty).`,
  });
}

function skippedWarning(
  people: ReadonlyArray<{ key: string; firstName: string; lastName: string; sisId: string | null }>,
  what: string,
): string | undefined {
  if (people.length === 0) return undefined;
  const labels = [...people].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(personLabel);
  const count =
    people.length === 1 ? `1 ${what} who would be on a dashboard has` : `${people.length} ${what}s who would be on a dashboard have`;
  return `${count} no SIS id and ${people.length === 1 ? 'was' : 'were'} left out: ${preview(labels)}. If that is many, check the source's identity setting`;
}
