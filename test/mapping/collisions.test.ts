import { describe, expect, it } from 'vitest';
import { ConfigError, SourceError } from '../../src/errors.js';
import { silentLogger } from '../../src/log/logger.js';
import { createRosterMapper } from '../../src/mapping/mapper.js';
import { mappingSettings, mapWith, membersOf } from '../helpers/mapping.js';
import { aRoster, aSection, aStaff, aStudent } from '../helpers/roster-builders.js';

const ell = { name: 'ELL', kind: 'static', nameTemplate: 'Language support', students: { fields: { ell: 'Y' } } };
const esl = { name: 'ESL', kind: 'static', nameTemplate: '  Language   support ', students: { fields: { esl: 'Y' } } };
const roster = aRoster({
  students: [aStudent({ key: '1', fields: { ell: 'Y', esl: '' } }), aStudent({ key: '2', fields: { ell: '', esl: 'Y' } })],
});

async function failure(mapping: Record<string, unknown>, input = roster, extra: Record<string, unknown> = {}): Promise<Error> {
  const mapper = createRosterMapper(mappingSettings(mapping, extra), silentLogger());
  try {
    await mapper(input);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the mapping to fail');
}

function teachers(first: { firstName: string; lastName: string }, second: { firstName: string; lastName: string }) {
  return aRoster({
    students: [aStudent({ key: '1' }), aStudent({ key: '2' })],
    staff: [aStaff({ key: 'a', ...first }), aStaff({ key: 'b', ...second })],
    sections: [
      aSection({ key: 's1', teacherKeys: ['a'], studentKeys: ['1'] }),
      aSection({ key: 's2', teacherKeys: ['b'], studentKeys: ['2'] }),
    ],
  });
}

describe('dashboard names: merges and collisions', () => {
  it('merges two rules that make the same name (after trimming and collapsing spaces) by default', async () => {
    const { result } = await mapWith({ rules: [ell, esl] }, roster);
    expect(membersOf(result, 'student', 'Language support')).toEqual(['S1', 'S2']);
    expect(result.desired.size).toBe(1);
    expect(result.warnings).toEqual([]);
    const [explained] = result.provenance?.explain('Language support') ?? [];
    expect(explained?.origins).toEqual(['rule "ELL" (static): the whole district', 'rule "ESL" (static): the whole district']);
    expect(explained?.notes[0]).toContain(
      'Dashboard "Language support" is made by rule "ELL" (the whole district) and by rule "ESL" (the whole district)',
    );
  });

  it('fails naming both rules when mapping.onCollision is "fail"', async () => {
    const error = await failure({ rules: [ell, esl], onCollision: 'fail' });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ code: 'MAPPING_COLLISION', key: 'mapping.onCollision' });
    expect(error.message).toContain(
      'Dashboard "Language support" is made by rule "ELL" (the whole district) and by rule "ESL" (the whole district); mapping.onCollision is "fail"',
    );
  });

  it('treats the same name in two accounts as two dashboards, and uses aspiredu.account by default', async () => {
    const { result } = await mapWith({ rules: [ell, { ...esl, account: 'middle-schools' }], onCollision: 'fail' }, roster, {
      aspiredu: { account: 'district' },
    });
    expect(membersOf(result, 'student', 'Language support', 'district')).toEqual(['S1']);
    expect(membersOf(result, 'student', 'Language support', 'middle-schools')).toEqual(['S2']);
  });

  it('merges unicode names that differ only in their encoding', async () => {
    const composed = { name: 'A', kind: 'static', nameTemplate: 'Caf\u00e9 club', students: { fields: { ell: 'Y' } } };
    const decomposed = { name: 'B', kind: 'static', nameTemplate: 'Cafe\u0301 club', students: { fields: { esl: 'Y' } } };
    const { result } = await mapWith({ rules: [composed, decomposed] }, roster);
    expect(membersOf(result, 'student', 'Caf\u00e9 club')).toEqual(['S1', 'S2']);
  });

  it('warns when one rule gives two teachers the same name, and fails on it when asked', async () => {
    const sameName = teachers({ firstName: 'Ana', lastName: 'Smith' }, { firstName: 'Bo', lastName: 'Smith' });
    const rule = { name: 'Teachers', kind: 'teacher', nameTemplate: '{teacher.lastName}' };
    const { result } = await mapWith({ rules: [rule] }, sameName);
    expect(membersOf(result, 'student', 'Smith')).toEqual(['S1', 'S2']);
    expect(result.warnings).toEqual([
      'rule "Teachers": teacher Ana Smith (Ta) and teacher Bo Smith (Tb) both give the dashboard "Smith"; their students and viewers are merged. Add a placeholder to the nameTemplate that tells them apart',
    ]);
    const error = await failure({ rules: [rule], onCollision: 'fail' }, sameName);
    expect(error.message).toContain(
      'rule "Teachers": teacher Ana Smith (Ta) and teacher Bo Smith (Tb) both give the dashboard "Smith"; mapping.onCollision is "fail"',
    );
  });

  it('refuses a name that is empty after templating, naming the rule and the person', async () => {
    const blank = teachers({ firstName: 'Ana', lastName: '   ' }, { firstName: 'Bo', lastName: 'Lee' });
    const error = await failure({ rules: [{ name: 'Teachers', kind: 'teacher', nameTemplate: '{teacher.lastName}' }] }, blank);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ code: 'MAPPING_BAD_NAME' });
    expect(error.message).toContain('rule "Teachers": the dashboard name for teacher Ana (Ta) is empty (template "{teacher.lastName}")');
    expect(error.message).toContain('nothing was uploaded');
  });

  it("refuses a name longer than AspirEDU's 255 characters, naming the rule and the person, counting characters not UTF-16 units", async () => {
    const rule = { name: 'Teachers', kind: 'teacher', nameTemplate: '{teacher.lastName}, {teacher.firstName}' };
    const long = teachers({ firstName: 'Ana', lastName: 'Ø'.repeat(251) }, { firstName: 'Bo', lastName: 'Lee' });
    const error = await failure({ rules: [rule] }, long);
    expect(error.message).toContain(
      `rule "Teachers": the dashboard name for teacher Ana ${'Ø'.repeat(251)} (Ta) is 256 characters; AspirEDU allows 255`,
    );
    // 200 footballs are 400 UTF-16 units but 205 characters: accepted.
    const emoji = teachers({ firstName: 'Ana', lastName: '🏈'.repeat(200) }, { firstName: 'Bo', lastName: 'Lee' });
    const { result } = await mapWith({ rules: [rule] }, emoji);
    expect(membersOf(result, 'student', `${'🏈'.repeat(200)}, Ana`)).toEqual(['S1']);
  });
});
