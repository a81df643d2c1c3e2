import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';
import { tempDir, writeFile } from '../helpers/temp.js';

// mapping.rules is validated when the configuration loads, like every other key: an error
// names the rule by index and name, and the field.

function load(mapping: unknown, env: Record<string, string> = {}) {
  const file = writeFile(tempDir(), 'sis-sync.json', JSON.stringify({ mapping }));
  return loadConfig({ file, env });
}

function errorOf(mapping: unknown, env: Record<string, string> = {}): ConfigError {
  try {
    load(mapping, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const grades = { name: 'Grades', kind: 'school-grade', nameTemplate: '{school.name} – Grade {grade}' };

describe('mapping.rules validation', () => {
  it('loads valid rules of every kind and fills the defaults', () => {
    const settings = load({
      rules: [
        grades,
        { name: 'Teachers', kind: 'teacher', nameTemplate: '{teacher.name}', sections: { terms: ['S1'] } },
        { name: 'Counselors', kind: 'student-field', field: 'counselor', nameTemplate: '{staff.name}', viewers: [{ fromValue: 'sisId' }] },
        { name: 'ELL', kind: 'static', nameTemplate: 'ELL', students: { fields: { ell: 'Y' } }, viewers: [{ sisIds: [7001], ally: true }] },
      ],
    }).settings;
    expect(settings.mapping.rules).toHaveLength(4);
    expect(settings.mapping.onCollision).toBe('merge');
  });

  it('names the rule, its index and the field of an unknown placeholder', () => {
    const error = errorOf({
      rules: [
        grades,
        { ...grades, name: 'Other' },
        { name: 'Counselors', kind: 'student-field', field: 'counselor', nameTemplate: 'Caseload {student.hoomroom}' },
      ],
    });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.key).toBe('mapping.rules');
    expect(error.message).toContain('mapping.rules[2] ("Counselors"): field "nameTemplate": unknown placeholder {student.hoomroom}');
    // The rules are not echoed back: each line already says where.
    expect(error.message).not.toContain('value was');
  });

  it('lists every problem of every rule, each on its own line', () => {
    const error = errorOf({
      rules: [
        { name: 'Teachers', kind: 'teacher', nameTemplate: '{teacher.name}', sections: { term: ['S1'] } },
        { name: 'Bad kind', kind: 'per-teacher', nameTemplate: 'x' },
        { kind: 'static', nameTemplate: 'ELL', viewers: [{ sisIds: ['1'], ally: 'yes' }] },
        { name: 'Both', kind: 'static', nameTemplate: 'ELL', viewers: [{ sisIds: ['1'], roles: ['staff'] }] },
      ],
    });
    const lines = error.message.split('\n').map((line) => line.trim());
    expect(lines).toContain('mapping.rules[0] ("Teachers"): field "sections.term": unknown field');
    expect(lines).toContain(
      'mapping.rules[1] ("Bad kind"): field "kind": "per-teacher" is not a rule kind; one of school-grade, teacher, student-field, static',
    );
    expect(lines).toContain('mapping.rules[2]: field "name": missing; expected text');
    expect(lines).toContain('mapping.rules[2]: field "viewers[0].ally": expected true or false');
    expect(lines).toContain(
      'mapping.rules[3] ("Both"): field "viewers[0]": needs exactly one of sisIds, roles, fromValue, table (has sisIds and roles)',
    );
  });

  it('refuses templates that would put different teachers or values on one dashboard', () => {
    const error = errorOf({
      rules: [
        { name: 'Teachers', kind: 'teacher', nameTemplate: 'My students' },
        { name: 'Teams', kind: 'student-field', field: 'team', nameTemplate: 'Athletics' },
        { name: 'Per school', kind: 'static', perSchool: true, nameTemplate: 'ELL' },
        { name: 'No school', kind: 'static', nameTemplate: 'ELL {school.name}' },
      ],
    });
    expect(error.message).toContain('mapping.rules[0] ("Teachers"): field "nameTemplate": must use a {teacher.*} placeholder');
    expect(error.message).toContain('mapping.rules[1] ("Teams"): field "nameTemplate": must use {value} or a {staff.*} placeholder');
    expect(error.message).toContain(
      'mapping.rules[2] ("Per school"): field "nameTemplate": with "perSchool": true it must use {school.name}',
    );
    expect(error.message).toContain('mapping.rules[3] ("No school"): field "nameTemplate": {school.*} placeholders need "perSchool": true');
  });

  it('allows viewer sources only where the rule has what they need', () => {
    const error = errorOf({
      rules: [
        { name: 'ELL', kind: 'static', nameTemplate: 'ELL', viewers: [{ roles: ['staff'] }] },
        { name: 'Teachers', kind: 'teacher', nameTemplate: '{teacher.name}', viewers: [{ fromValue: 'email' }] },
        {
          name: 'Counselors',
          kind: 'student-field',
          field: 'counselor',
          nameTemplate: 'Caseload {staff.name}',
          viewers: [{ sisIds: ['1'] }],
        },
      ],
    });
    expect(error.message).toContain('mapping.rules[0] ("ELL"): field "viewers[0].roles": roles name staff of one school');
    expect(error.message).toContain(
      'mapping.rules[1] ("Teachers"): field "viewers[0].fromValue": only student-field rules have a value to look up',
    );
    const unknown = errorOf({
      rules: [{ name: 'Counselors', kind: 'student-field', field: 'counselor', nameTemplate: '{value}', viewers: [{ fromValue: 'id' }] }],
    });
    expect(unknown.message).toContain('mapping.rules[0] ("Counselors"): field "viewers[0].fromValue"');
    expect(unknown.message).toContain('must be one of "sisId", "email", "name", "dcid"');
    expect(error.message).toContain(
      'mapping.rules[2] ("Counselors"): field "nameTemplate": {staff.*} placeholders need a viewers entry with "fromValue"',
    );
  });

  it('refuses two rules with one name, and a template whose text alone is too long', () => {
    const error = errorOf({ rules: [grades, { ...grades, nameTemplate: `${'x'.repeat(256)} {grade}` }] });
    expect(error.message).toContain(
      'mapping.rules[1] ("Grades"): field "nameTemplate": its text alone is 256 characters; AspirEDU allows 255',
    );
    expect(error.message).toContain(
      'mapping.rules[1] ("Grades"): field "name": the same name as mapping.rules[0]; rule names must be unique',
    );
  });

  it('reads rules and grade names from environment variables as JSON', () => {
    const settings = load(
      {},
      {
        SIS_SYNC_MAPPING_RULES: JSON.stringify([grades]),
        SIS_SYNC_MAPPING_GRADE_NAMES: '{"0":"K"}',
        SIS_SYNC_MAPPING_ON_COLLISION: 'fail',
      },
    ).settings;
    expect(settings.mapping.rules).toEqual([grades]);
    expect(settings.mapping.gradeNames).toEqual({ 0: 'K' });
    expect(settings.mapping.onCollision).toBe('fail');
    expect(errorOf({}, { SIS_SYNC_MAPPING_RULES: '[{"kind":' }).message).toContain('mapping.rules: must be a JSON list of rules');
  });

  it('checks grade names and the collision policy', () => {
    expect(errorOf({ gradeNames: { K: 'Kindergarten' } }).message).toContain(
      'mapping.gradeNames: must be an object from grade level to name',
    );
    expect(errorOf({ onCollision: 'rename' }).message).toContain('mapping.onCollision: must be one of the possible values');
  });
});
