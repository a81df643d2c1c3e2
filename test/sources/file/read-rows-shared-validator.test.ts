import { describe, expect, it } from 'vitest';
import { readRowsFile } from '../../../src/sources/file/read-rows.js';
import { tempDir, writeFile } from '../../helpers/temp.js';

// The rows-file reader over the shared row validator (also used by mapping.module).

describe('rows files', () => {
  it('reads CSV and JSON rows, trimming names and ids', async () => {
    const dir = tempDir();
    const csv = await readRowsFile(
      writeFile(dir, 'v.csv', 'dashboard_name,viewer_sis_id,viewer_is_ally\n"  A  team ",t1 ,yes\n'),
      'viewer',
    );
    expect(csv).toEqual({
      dataType: 'viewer',
      idField: 'viewer_sis_id',
      rows: [{ dashboard: 'A team', memberId: 't1', isAlly: true, where: 'line 2' }],
    });
    const json = await readRowsFile(writeFile(dir, 's.json', JSON.stringify([{ dashboard_name: 'B', student_id: 7 }])), 'student');
    expect(json.rows).toEqual([{ dashboard: 'B', memberId: '7', isAlly: false, where: 'item 1' }]);
  });

  it('names the file, line and field of every bad row, and refuses an account column', async () => {
    const dir = tempDir();
    const path = writeFile(dir, 'students.csv', `dashboard_name,student_sis_id\n,1\nA,\n${'é'.repeat(256)},2\n`);
    await expect(readRowsFile(path, 'student')).rejects.toThrow(
      [
        `${path} has 3 bad rows; nothing was uploaded:`,
        '  students.csv line 2, field dashboard_name: must not be empty',
        '  students.csv line 3, field student_sis_id: must not be empty',
        '  students.csv line 4, field dashboard_name: longer than 255 characters',
      ].join('\n'),
    );
    const withAccount = writeFile(dir, 'a.csv', 'dashboard_name,student_sis_id,account\nA,1,x\n');
    await expect(readRowsFile(withAccount, 'student')).rejects.toThrow(
      'a.csv does not have the student row format: unknown column "account"',
    );
  });
});
