import { describe, expect, it } from 'vitest';
import { readRowsFile } from '../../../src/sources/file/read-rows.js';
import { tempDir, writeFile } from '../../helpers/temp.js';

function file(name: string, content: string | Buffer): string {
  return writeFile(tempDir(), name, content);
}

describe('readRowsFile (CSV)', () => {
  it('reads UTF-8 with a BOM, quoted commas, doubled quotes and line breaks', async () => {
    const path = file(
      'students.csv',
      '\uFEFFdashboard_name,student_sis_id\r\n"Counselor: Rivera, Ana",101\r\n"Club ""Chess""",102\r\n"Two\nlines",103\r\n  Lincoln   High  ,104\r\n',
    );
    const rows = await readRowsFile(path, 'student');
    expect(rows.idField).toBe('student_sis_id');
    expect(rows.rows.map((r) => [r.dashboard, r.memberId])).toEqual([
      ['Counselor: Rivera, Ana', '101'],
      ['Club "Chess"', '102'],
      ['Two lines', '103'],
      ['Lincoln High', '104'],
    ]);
  });

  it('reads viewers with ally flags in several spellings', async () => {
    const path = file('viewers.csv', 'dashboard_name,viewer_id,viewer_is_ally\nA,1,true\nA,2,FALSE\nA,3,1\nA,4,no\n');
    const rows = await readRowsFile(path, 'viewer');
    expect(rows.idField).toBe('viewer_id');
    expect(rows.rows.map((r) => r.isAlly)).toEqual([true, false, true, false]);
  });

  it('names file, line and field for every bad row, and rejects the whole file', async () => {
    const path = file('viewers.csv', 'dashboard_name,viewer_sis_id,viewer_is_ally\nA,1,true\n,2,true\nB,,false\nC,3,maybe\n');
    await expect(readRowsFile(path, 'viewer')).rejects.toThrow(
      /3 bad rows.*\n.*viewers\.csv line 3, field dashboard_name: must not be empty\n.*viewers\.csv line 4, field viewer_sis_id: must not be empty\n.*viewers\.csv line 5, field viewer_is_ally: expected true or false, got "maybe"/,
    );
  });

  it('rejects an unknown column, two id columns, or a missing column', async () => {
    await expect(readRowsFile(file('s.csv', 'dashboard_name,student_sisid\nA,1\n'), 'student')).rejects.toThrow(
      /unknown column "student_sisid"/,
    );
    await expect(readRowsFile(file('s.csv', 'dashboard_name,student_sis_id,student_id\nA,1,2\n'), 'student')).rejects.toThrow(
      /both student_sis_id and student_id/,
    );
    await expect(readRowsFile(file('v.csv', 'dashboard_name,viewer_sis_id\nA,1\n'), 'viewer')).rejects.toThrow(
      /missing column viewer_is_ally/,
    );
  });

  it('reports broken CSV quoting with the file name', async () => {
    await expect(readRowsFile(file('s.csv', 'dashboard_name,student_sis_id\n"A,1\n'), 'student')).rejects.toThrow(
      /s\.csv is not valid CSV/,
    );
  });

  it('rejects text that is not UTF-8', async () => {
    await expect(readRowsFile(file('s.csv', Buffer.from([0x64, 0x61, 0xff, 0x0a])), 'student')).rejects.toThrow(/not UTF-8/);
  });

  it('rejects a dashboard name longer than AspirEDU allows', async () => {
    await expect(readRowsFile(file('s.csv', `dashboard_name,student_sis_id\n${'x'.repeat(256)},1\n`), 'student')).rejects.toThrow(
      /longer than 255/,
    );
  });

  it('says which file is missing', async () => {
    await expect(readRowsFile('/nonexistent/students.csv', 'student')).rejects.toThrow(
      /Cannot read rows file \/nonexistent\/students\.csv: ENOENT/,
    );
  });
});

describe('readRowsFile (JSON)', () => {
  it("reads the API's own row objects", async () => {
    const path = file('viewers.json', JSON.stringify([{ dashboard_name: 'A', viewer_sis_id: 7, viewer_is_ally: true }]));
    const rows = await readRowsFile(path, 'viewer');
    expect(rows.rows).toEqual([{ dashboard: 'A', memberId: '7', isAlly: true, where: 'item 1' }]);
  });

  it('names the item and field of a bad row', async () => {
    const path = file(
      'students.json',
      JSON.stringify([
        { dashboard_name: 'A', student_sis_id: '1' },
        { dashboard_name: 'B', student_sis_id: '' },
      ]),
    );
    await expect(readRowsFile(path, 'student')).rejects.toThrow(/students\.json item 2, field student_sis_id: must not be empty/);
  });

  it('rejects something that is not an array of objects', async () => {
    await expect(readRowsFile(file('s.json', '{"rows": []}'), 'student')).rejects.toThrow(/must hold a JSON array/);
    await expect(readRowsFile(file('s.json', '[1]'), 'student')).rejects.toThrow(/item 1: each row must be a JSON object/);
    await expect(readRowsFile(file('s.json', '[{"dashboard_name": "A"'), 'student')).rejects.toThrow(/s\.json is not valid JSON/);
  });
});
