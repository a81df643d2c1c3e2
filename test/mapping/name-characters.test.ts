import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors.js';
import { silentLogger } from '../../src/log/logger.js';
import { createRosterMapper } from '../../src/mapping/mapper.js';
import { mappingSettings } from '../helpers/mapping.js';
import { aRoster, aSection, aStaff, aStudent } from '../helpers/roster-builders.js';

// Names made by templates from SIS data pass the same character check as rows files, and the
// refusal names the rule and the person, as the empty and too-long name checks do.

async function failure(lastName: string): Promise<Error> {
  const roster = aRoster({
    students: [aStudent({ key: '1' })],
    staff: [aStaff({ key: 'a', firstName: 'Ana', lastName })],
    sections: [aSection({ key: 's1', teacherKeys: ['a'], studentKeys: ['1'] })],
  });
  const mapper = createRosterMapper(
    mappingSettings({ rules: [{ name: 'Teachers', kind: 'teacher', nameTemplate: 'Class of {teacher.lastName}' }] }),
    silentLogger(),
  );
  try {
    await mapper(roster);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the mapping to fail');
}

describe('dashboard names made from SIS data', () => {
  it('refuses a NUL, naming the rule and the person', async () => {
    const error = await failure('Ri\u0000vera');
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ code: 'MAPPING_BAD_NAME' });
    expect(error.message).toContain(
      'rule "Teachers": the dashboard name for teacher Ana Ri\\u0000vera (Ta) holds the control character U+0000 at character 12',
    );
    expect(error.message).toContain('nothing was uploaded');
  });

  it('refuses a right-to-left override, printing it escaped', async () => {
    const error = await failure('\u202Earevir');
    expect(error.message).toContain('holds the bidirectional control U+202E at character 10');
    expect(error.message).not.toContain('\u202E');
  });
});
