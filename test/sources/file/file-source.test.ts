import { describe, expect, it } from 'vitest';
import { FileSource } from '../../../src/sources/file/file-source.js';
import { studentsCsv, tempDir, viewersCsv, writeFile } from '../../helpers/temp.js';

describe('FileSource', () => {
  it('merges duplicates and keeps a viewer listed both ways as not ally, with a warning', async () => {
    const dir = tempDir();
    const students = writeFile(
      dir,
      's.csv',
      studentsCsv([
        ['A', '1'],
        ['A', '1'],
        ['A  ', '2'],
      ]),
    );
    const viewers = writeFile(
      dir,
      'v.csv',
      viewersCsv([
        ['A', 't', true],
        ['A', 't', false],
      ]),
    );
    const result = await new FileSource({ students, viewers, account: 'north', allowEmpty: false }).load();
    expect([...result.desired.values()].map((d) => [d.dataType, d.account, d.name, [...d.members]])).toEqual([
      [
        'student',
        'north',
        'A',
        [
          ['1', false],
          ['2', false],
        ],
      ],
      ['viewer', 'north', 'A', [['t', false]]],
    ]);
    expect(result.warnings).toEqual(['Viewer t is listed both as ally and not ally on dashboard "A"; kept as not ally']);
    expect(result.dataTypes).toEqual(['student', 'viewer']);
  });

  it('refuses a file with no rows unless allowEmpty', async () => {
    const dir = tempDir();
    const students = writeFile(dir, 's.csv', studentsCsv([]));
    await expect(new FileSource({ students, viewers: '', account: '', allowEmpty: false }).load()).rejects.toThrow(
      /no student rows; refusing to empty/,
    );
    const result = await new FileSource({ students, viewers: '', account: '', allowEmpty: true }).load();
    expect(result.desired.size).toBe(0);
    expect(result.dataTypes).toEqual(['student']);
  });
});
