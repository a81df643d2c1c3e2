import { DASHBOARD_NAME_MAX_LENGTH } from '../../desired/data-types.js';
import { dashboardNameLength, normaliseDashboardName } from '../../desired/desired-builder.js';
import { issueLines } from './issue-text.js';
import { RULE_KINDS, RULE_SCHEMAS, type RuleConfig, type RuleKind, type ViewerSpec } from './rule-schema.js';
import { literalText, parseTemplate, TemplateSyntaxError, usesPlaceholder, type Template } from './template.js';

// `mapping.rules` from the configuration to rules ready to run. Every problem is one line that
// names the rule by index and name, and the field:
//   mapping.rules[2] ("Counselors"): field "nameTemplate": unknown placeholder {student.hoomroom}

export interface CompiledRule {
  /** Position in mapping.rules, from 0. */
  index: number;
  config: RuleConfig;
  template: Template;
  /** `rule "Teachers"`, for messages and explanations. */
  label: string;
}

export class RulesInvalidError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

const SCHOOL = ['school.id', 'school.name', 'school.abbreviation'];
const PERSON = ['firstName', 'lastName', 'name', 'sisId', 'email'];
const TEACHER = PERSON.map((p) => `teacher.${p}`);
const STAFF = PERSON.map((p) => `staff.${p}`);

/** Placeholders by kind; school.* and staff.* are further limited by perSchool and fromValue. */
const PLACEHOLDERS: Record<RuleKind, readonly string[]> = {
  'school-grade': [...SCHOOL, 'grade'],
  teacher: [...TEACHER, ...SCHOOL],
  'student-field': ['value', 'field', ...STAFF, ...SCHOOL],
  static: SCHOOL,
};

const VIEWER_SOURCES = ['sisIds', 'roles', 'fromValue', 'table'] as const;

/** Throws RulesInvalidError listing every problem in every rule. */
export function compileRules(value: unknown): CompiledRule[] {
  if (!Array.isArray(value)) throw new RulesInvalidError(['mapping.rules: must be a list ([...]) of rules']);
  const problems: string[] = [];
  const rules: CompiledRule[] = [];
  const firstIndexByName = new Map<string, number>();
  value.forEach((raw, index) => {
    const where = ruleWhere(index, raw);
    const ruleProblems: string[] = [];
    const add = (field: string, message: string) =>
      ruleProblems.push(field ? `${where}: field "${field}": ${message}` : `${where}: ${message}`);
    const rule = compileRule(raw, add);
    if (rule) {
      const earlier = firstIndexByName.get(rule.config.name);
      if (earlier !== undefined) add('name', `the same name as mapping.rules[${earlier}]; rule names must be unique`);
      else firstIndexByName.set(rule.config.name, index);
      rules.push({ ...rule, index, label: `rule "${rule.config.name}"` });
    }
    problems.push(...ruleProblems);
  });
  if (problems.length > 0) throw new RulesInvalidError(problems);
  return rules;
}

function ruleWhere(index: number, raw: unknown): string {
  const name = typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name.trim() ? `mapping.rules[${index}] (${JSON.stringify(name.trim())})` : `mapping.rules[${index}]`;
}

type AddProblem = (field: string, message: string) => void;

function compileRule(raw: unknown, add: AddProblem): Omit<CompiledRule, 'index' | 'label'> | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    add('', 'must be an object ({...}) with kind, name and nameTemplate');
    return undefined;
  }
  const kind = (raw as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !(RULE_KINDS as readonly string[]).includes(kind)) {
    const got = kind === undefined ? 'missing' : `${JSON.stringify(kind)} is not a rule kind`;
    add('kind', `${got}; one of ${RULE_KINDS.join(', ')}`);
    return undefined;
  }
  const parsed = RULE_SCHEMAS[kind as RuleKind].safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    for (const line of issueLines(parsed.error.issues)) add(line.field, line.message);
    return undefined;
  }
  const config = parsed.data as RuleConfig;
  const template = compileTemplate(config, add);
  config.viewers.forEach((spec, index) => checkViewerSpec(config, spec, index, add));
  return template ? { config, template } : undefined;
}

function compileTemplate(config: RuleConfig, add: AddProblem): Template | undefined {
  if (config.nameTemplate.trim() === '') {
    add('nameTemplate', 'must not be empty');
    return undefined;
  }
  let template: Template;
  try {
    template = parseTemplate(config.nameTemplate, PLACEHOLDERS[config.kind]);
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    add('nameTemplate', error.message);
    return undefined;
  }
  const before = dashboardNameLength(normaliseDashboardName(literalText(template)));
  if (before > DASHBOARD_NAME_MAX_LENGTH) {
    add('nameTemplate', `its text alone is ${before} characters; AspirEDU allows ${DASHBOARD_NAME_MAX_LENGTH}`);
  }
  const perSchool = 'perSchool' in config && config.perSchool;
  if (config.kind !== 'school-grade' && usesPlaceholder(template, 'school') && !perSchool) {
    add('nameTemplate', `{school.*} placeholders need "perSchool": true, which makes one dashboard per school`);
  }
  if (perSchool && !usesPlaceholder(template, 'school')) {
    add(
      'nameTemplate',
      `with "perSchool": true it must use {school.name}, {school.abbreviation} or {school.id}, or the schools would share one name`,
    );
  }
  if (config.kind === 'teacher' && !usesPlaceholder(template, 'teacher')) {
    add(
      'nameTemplate',
      'must use a {teacher.*} placeholder, or every teacher would share one dashboard; e.g. "{teacher.name} – My students"',
    );
  }
  if (config.kind === 'student-field') {
    if (!usesPlaceholder(template, 'value') && !usesPlaceholder(template, 'staff')) {
      add('nameTemplate', 'must use {value} or a {staff.*} placeholder, or every value would share one dashboard');
    }
    if (usesPlaceholder(template, 'staff') && !config.viewers.some((spec) => spec.fromValue)) {
      add('nameTemplate', '{staff.*} placeholders need a viewers entry with "fromValue", which says how the value names a staff member');
    }
  }
  return template;
}

function checkViewerSpec(config: RuleConfig, spec: ViewerSpec, index: number, add: AddProblem): void {
  const field = `viewers[${index}]`;
  const sources = VIEWER_SOURCES.filter((key) => spec[key] !== undefined);
  if (sources.length !== 1) {
    add(field, `needs exactly one of ${VIEWER_SOURCES.join(', ')}${sources.length > 1 ? ` (has ${sources.join(' and ')})` : ''}`);
    return;
  }
  const source = sources[0];
  const hasSchool = config.kind === 'school-grade' || ('perSchool' in config && config.perSchool);
  if (source === 'roles' && !hasSchool) {
    add(`${field}.roles`, 'roles name staff of one school: only school-grade rules and rules with "perSchool": true can use them');
  }
  if ((source === 'fromValue' || source === 'table') && config.kind !== 'student-field') {
    add(`${field}.${source}`, 'only student-field rules have a value to look up');
  }
}
