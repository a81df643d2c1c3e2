import { describe, expect, it } from 'vitest';
import {
  literalText,
  parseTemplate,
  renderTemplate,
  TemplateSyntaxError,
  usesPlaceholder,
} from '../../../src/config/mapping-rules/template.js';

const ALLOWED = ['school.name', 'grade', 'teacher.lastName'];

describe('name templates', () => {
  it('renders placeholders with unicode and punctuation as they are', () => {
    const template = parseTemplate('{school.name} – Grade {grade}', ALLOWED);
    expect(renderTemplate(template, { 'school.name': "O'Keefe & Daughters Académie", grade: 'K' })).toBe(
      "O'Keefe & Daughters Académie – Grade K",
    );
  });

  it('trims and collapses the spaces of each value before it is placed', () => {
    const template = parseTemplate('{teacher.lastName}, Class', ALLOWED);
    expect(renderTemplate(template, { 'teacher.lastName': '  Doe   Jr. ' })).toBe('Doe Jr., Class');
  });

  it('reads {{ and }} as literal braces', () => {
    const template = parseTemplate('{{Team}} {grade}}}', ALLOWED);
    expect(renderTemplate(template, { grade: '9' })).toBe('{Team} 9}');
    expect(literalText(template)).toBe('{Team} }');
  });

  it('names an unknown placeholder and lists the ones the rule can use', () => {
    expect(() => parseTemplate('Caseload {student.hoomroom}', ALLOWED)).toThrow(
      new TemplateSyntaxError('unknown placeholder {student.hoomroom}; this rule can use {school.name}, {grade}, {teacher.lastName}'),
    );
  });

  it('says where a brace is left open or closes nothing', () => {
    expect(() => parseTemplate('Grade {grade', ALLOWED)).toThrow(/"\{" at character 7 is never closed/);
    expect(() => parseTemplate('Grade } {grade}', ALLOWED)).toThrow(/"\}" at character 7 closes nothing/);
  });

  it('tells which placeholders a template uses, by name or namespace', () => {
    const template = parseTemplate('{teacher.lastName} {grade}', ALLOWED);
    expect(usesPlaceholder(template, 'teacher')).toBe(true);
    expect(usesPlaceholder(template, 'grade')).toBe(true);
    expect(usesPlaceholder(template, 'school')).toBe(false);
  });
});
