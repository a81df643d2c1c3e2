import { z } from 'zod';

// The shape of `mapping.rules`, as written in the configuration file. Field by field, so that a
// mistake names the field. Checks that need the whole rule (placeholders allowed by its kind,
// which viewer sources it may use) are in compile-rules.ts.

export const RULE_KINDS = ['school-grade', 'teacher', 'student-field', 'static'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const ENROLL_STATUSES = ['active', 'pre-registered', 'inactive', 'transferred-out', 'graduated', 'historical'] as const;

/**
 * How a student-field value names its staff member: their SIS id, e-mail address or name, or
 * their USERS.DCID (PowerSchool links records by DCID: a counsellor or advisor field often holds one).
 */
export const VALUE_MATCHES = ['sisId', 'email', 'name', 'dcid'] as const;
export type ValueMatch = (typeof VALUE_MATCHES)[number];

const text = z.string().trim().min(1);
/** School numbers and SIS ids are text; JSON numbers are accepted for them, as people write them. */
const idText = z
  .union([z.string(), z.number().int()])
  .transform((value) => String(value).trim())
  .pipe(z.string().min(1));
const idList = z.array(idText).min(1);
const textList = z.array(text).min(1);

const studentFilter = z
  .strictObject({
    schools: idList.optional(),
    grades: z.array(z.number().int()).min(1).optional(),
    /** Only active students unless a rule says otherwise. */
    enrollStatus: z.array(z.enum(ENROLL_STATUSES)).min(1).default(['active']),
    fields: z.record(text, z.union([z.string().trim(), z.array(z.string().trim()).min(1)])).optional(),
  })
  .prefault({});

const sectionFilter = z
  .strictObject({
    schools: idList.optional(),
    courseNumbers: textList.optional(),
    excludeCourseNumbers: textList.optional(),
    terms: textList.optional(),
    periods: textList.optional(),
  })
  .prefault({});

const viewerSpec = z.strictObject({
  sisIds: idList.optional(),
  roles: textList.optional(),
  fromValue: z.enum(VALUE_MATCHES).optional(),
  table: z.record(text, z.union([idText.transform((id) => [id]), idList])).optional(),
  ally: z.boolean().default(false),
});

const common = {
  kind: z.enum(RULE_KINDS),
  name: text,
  nameTemplate: z.string(),
  account: text.optional(),
  students: studentFilter,
  viewers: z.array(viewerSpec).default([]),
};

const schoolGradeRule = z.strictObject({ ...common, kind: z.literal('school-grade') });
const teacherRule = z.strictObject({
  ...common,
  kind: z.literal('teacher'),
  perSchool: z.boolean().default(false),
  coTeachers: z.boolean().default(true),
  sections: sectionFilter,
});
const studentFieldRule = z.strictObject({
  ...common,
  kind: z.literal('student-field'),
  field: text,
  split: z.string().min(1).optional(),
  values: textList.optional(),
  perSchool: z.boolean().default(false),
});
const staticRule = z.strictObject({ ...common, kind: z.literal('static'), perSchool: z.boolean().default(false) });

export const RULE_SCHEMAS = {
  'school-grade': schoolGradeRule,
  teacher: teacherRule,
  'student-field': studentFieldRule,
  static: staticRule,
} as const;

export type StudentFilter = z.output<typeof studentFilter>;
export type SectionFilter = z.output<typeof sectionFilter>;
export type ViewerSpec = z.output<typeof viewerSpec>;
export type SchoolGradeRuleConfig = z.output<typeof schoolGradeRule>;
export type TeacherRuleConfig = z.output<typeof teacherRule>;
export type StudentFieldRuleConfig = z.output<typeof studentFieldRule>;
export type StaticRuleConfig = z.output<typeof staticRule>;
export type RuleConfig = SchoolGradeRuleConfig | TeacherRuleConfig | StudentFieldRuleConfig | StaticRuleConfig;

/** A rule as written in the file, before validation. */
export type RuleInput = z.input<typeof schoolGradeRule | typeof teacherRule | typeof studentFieldRule | typeof staticRule>;
