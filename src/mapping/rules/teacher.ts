import type { RosterSection, RosterStaff, RosterStudent } from '../../roster/roster.js';
import type { CompiledRule } from '../../config/mapping-rules/compile-rules.js';
import { SectionMatcher, studentMatches } from '../filters.js';
import { addReason, addStudent, personLabel, type Instance } from '../instance.js';
import { preview } from '../preview.js';
import { schoolOf, type RosterIndex } from '../roster-index.js';
import type { TeacherRuleConfig } from '../../config/mapping-rules/rule-schema.js';
import { resolveViewers } from '../viewers.js';
import { personValues, schoolValues, SEP, sortedInstances, type RuleContext } from './context.js';

// One dashboard per teacher: every student in any of their sections that pass the section
// filter (course, term, period, school), the teacher as viewer, not ally. Co-teachers get their
// own dashboard unless `coTeachers` is false. A teacher marked inactive at a section's school
// gets nothing from that section.

export function teacherInstances(rule: CompiledRule & { config: TeacherRuleConfig }, context: RuleContext): Instance[] {
  const { index } = context;
  const { perSchool, coTeachers } = rule.config;
  const matcher = new SectionMatcher(rule.config.sections);
  const byId = new Map<string, Instance>();
  const sectionsOf = new Map<Instance, RosterSection[]>();
  const unknownTeachers = new Set<string>();
  for (const section of index.sections) {
    if (!matcher.matches(section)) continue;
    const teacherKeys = coTeachers && section.teacherKeys.length > 1 ? new Set(section.teacherKeys) : section.teacherKeys.slice(0, 1);
    for (const teacherKey of teacherKeys) {
      const teacher = index.staffByKey.get(teacherKey);
      if (!teacher) {
        unknownTeachers.add(teacherKey);
        continue;
      }
      if (inactiveAt(teacher, section.schoolId)) continue;
      const school = perSchool ? schoolOf(index, section.schoolId) : undefined;
      const id = school ? `${teacher.key}${SEP}${school.id}` : teacher.key;
      let instance = byId.get(id);
      if (!instance) {
        instance = {
          rule,
          dims: school ? { teacher: teacher.key, school: school.id } : { teacher: teacher.key },
          label: `teacher ${personLabel(teacher)}${school ? ` at ${school.name}` : ''}`,
          values: { ...personValues('teacher', teacher), ...(school ? schoolValues(school) : {}) },
          students: [],
          reasons: context.withReasons ? new Map() : undefined,
          viewers: [],
          owner: teacher,
        };
        byId.set(id, instance);
        sectionsOf.set(instance, []);
      }
      sectionsOf.get(instance)?.push(section);
    }
  }
  addStudents(rule, index, sectionsOf);
  if (unknownTeachers.size > 0) {
    const keys = [...unknownTeachers].sort();
    context.warn(`${rule.label}: sections name ${keys.length} teacher key(s) that are not in the roster's staff: ${preview(keys)}`);
  }
  const instances = sortedInstances(byId);
  for (const instance of instances) {
    const teacher = instance.owner as RosterStaff;
    const school = instance.dims.school ? schoolOf(index, instance.dims.school) : undefined;
    const sections = sectionsOf.get(instance) ?? [];
    instance.viewers = [
      { staff: teacher, sisId: teacher.sisId || null, ally: false, because: () => taughtText(teacher, sections) },
      ...resolveViewers(rule, school ? { school } : {}, index),
    ];
  }
  return instances;
}

/**
 * Each teacher's students, each once, in the order of their sections: one teacher at a time,
 * with a mark per student of the last teacher that took them, rather than a map per teacher.
 */
function addStudents(
  rule: CompiledRule & { config: TeacherRuleConfig },
  index: RosterIndex,
  sectionsOf: Map<Instance, RosterSection[]>,
): void {
  const position = new Map<string, number>();
  index.students.forEach((student, at) => {
    if (!position.has(student.key)) position.set(student.key, at);
  });
  const takenBy = new Int32Array(index.students.length).fill(-1);
  let mark = 0;
  for (const [instance, sections] of sectionsOf) {
    for (const section of sections) {
      const because = instance.reasons && `in ${sectionName(section)}`;
      for (const studentKey of section.studentKeys) {
        const at = position.get(studentKey);
        if (at === undefined) continue;
        const student = index.students[at] as RosterStudent;
        if (!studentMatches(student, rule.config.students)) continue;
        if (takenBy[at] === mark) addReason(instance, student, because);
        else {
          takenBy[at] = mark;
          addStudent(instance, student, because);
        }
      }
    }
    mark++;
  }
}

/** "teaches ALG1 (Algebra I) section 2, term S1, period 3; co-teaches …" */
function taughtText(teacher: RosterStaff, sections: readonly RosterSection[]): string {
  return sections
    .map((section) => `${section.teacherKeys[0] === teacher.key ? 'teaches' : 'co-teaches'} ${sectionName(section)}`)
    .join('; ');
}

export function sectionName(section: RosterSection): string {
  const course = section.courseName ? `${section.courseNumber} (${section.courseName})` : section.courseNumber;
  return `${course} section ${section.sectionNumber}, term ${section.term}, period ${section.period}`;
}

function inactiveAt(teacher: RosterStaff, schoolId: string): boolean {
  let listed = false;
  for (const entry of teacher.schools) {
    if (entry.schoolId !== schoolId) continue;
    if (entry.active) return false;
    listed = true;
  }
  return listed;
}
