import { describe, expect, it } from 'vitest';
import { readRowsFile } from '../../../src/sources/file/read-rows.js';
import { unsafeCharacterProblem } from '../../../src/util/unsafe-characters.js';
import { tempDir, writeFile } from '../../helpers/temp.js';

// Control characters and bidirectional overrides in dashboard names and user ids, and values of
// the wrong JSON type: each named with file, line (or item) and field; nothing is uploaded.

function file(name: string, content: string): string {
  return writeFile(tempDir(), name, content);
}

describe('unsafe characters in rows files', () => {
  it('refuses NUL, other C0 and C1 controls, DEL and bidi overrides in dashboard names, naming file, line and field', async () => {
    const path = file(
      'students.csv',
      'dashboard_name,student_sis_id\nGood,1\n"Lincoln\u0000 High",2\n"\u202EloohcS",3\n"Club\u0085",4\n"Tab\tfolds",5\n"Isolate\u2066x\u2069",6\nDel\u007F,7\n',
    );
    const error = await readRowsFile(path, 'student').catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ code: 'SOURCE_BAD_ROWS' });
    const message = (error as Error).message;
    expect(message).toMatch(/has 5 bad rows; nothing was uploaded/);
    expect(message).toContain('students.csv line 3, field dashboard_name: holds the control character U+0000 at character 8');
    expect(message).toContain('students.csv line 4, field dashboard_name: holds the bidirectional control U+202E at character 1');
    expect(message).toContain('students.csv line 5, field dashboard_name: holds the control character U+0085');
    expect(message).toContain('students.csv line 7, field dashboard_name: holds the bidirectional control U+2066');
    expect(message).toContain('students.csv line 8, field dashboard_name: holds the control character U+007F');
    expect(message).not.toContain('line 6');
  });

  it('refuses them in user ids, in CSV and in JSON', async () => {
    const csv = file('viewers.csv', 'dashboard_name,viewer_sis_id,viewer_is_ally\nA,"T1\u0000",false\nA,T\u202D2,true\n');
    await expect(readRowsFile(csv, 'viewer')).rejects.toThrow(
      /viewers\.csv line 2, field viewer_sis_id: holds the control character U\+0000[^\n]*\n.*viewers\.csv line 3, field viewer_sis_id: holds the bidirectional control U\+202D/,
    );
    const json = file('students.json', JSON.stringify([{ dashboard_name: 'A', student_sis_id: 'S\u00011' }]));
    await expect(readRowsFile(json, 'student')).rejects.toThrow(
      /students\.json item 1, field student_sis_id: holds the control character U\+0001/,
    );
  });

  it('keeps left-to-right and right-to-left marks, which Hebrew and Arabic names need', async () => {
    const path = file('students.csv', 'dashboard_name,student_sis_id\n"כיתה\u200F 3",1\n');
    expect((await readRowsFile(path, 'student')).rows[0]?.dashboard).toBe('כיתה\u200F 3');
    expect(unsafeCharacterProblem('a\u200Eb')).toBeUndefined();
  });
});

describe('JSON values of the wrong type', () => {
  it('says "must be a string" for a number, list or object where a name or id belongs', async () => {
    const path = file(
      'students.json',
      JSON.stringify([
        { dashboard_name: 5, student_sis_id: 'S1' },
        { dashboard_name: 'A', student_sis_id: ['S2'] },
        { dashboard_name: { name: 'B' }, student_sis_id: true },
        { dashboard_name: 'C', student_sis_id: 1234 },
      ]),
    );
    const message = await readRowsFile(path, 'student').catch((e: unknown) => (e as Error).message);
    expect(message).toMatch(/has 3 bad rows/);
    expect(message).toContain('students.json item 1, field dashboard_name: must be a string, got number 5');
    expect(message).toContain('students.json item 2, field student_sis_id: must be a string, got a list');
    expect(message).toContain('students.json item 3, field dashboard_name: must be a string, got an object');
    expect(message).toContain('students.json item 3, field student_sis_id: must be a string, got boolean true');
    expect(message).not.toContain('must not be empty');
  });
});
