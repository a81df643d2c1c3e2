import { describe, expect, it } from 'vitest';
import { parseQueryFile } from '../../../src/sources/powerschool-queries/query-definition.js';

// The rules every PowerQuery file must follow; a broken file is refused with the reason.

const HEADER = '-- name: org.example.product.area.people\n-- summary: People\n-- description: Everyone\n';

describe('PowerQuery files', () => {
  it('reads columns, their TABLE.FIELD, args and every field read, aliases resolved', () => {
    const query = parseQueryFile(
      'people.sql',
      `${HEADER}-- arg: day | The day\nSELECT s.id AS student_id, ABS(cc.sectionid) AS section_id\nFROM students s\nJOIN cc ON cc.studentid = s.id\nWHERE cc.dateleft > TO_DATE(:day, 'YYYY-MM-DD') -- s.ignored\nORDER BY s.id`,
    );
    expect(query.columns).toEqual([
      { name: 'student_id', table: 'STUDENTS', field: 'ID' },
      { name: 'section_id', table: 'CC', field: 'SECTIONID' },
    ]);
    expect(query.fieldsRead.map((f) => `${f.table}.${f.field}`)).toEqual(['CC.DATELEFT', 'CC.SECTIONID', 'CC.STUDENTID', 'STUDENTS.ID']);
    expect(query.coreTable).toBe('STUDENTS');
    expect(query.args).toEqual([{ name: 'day', description: 'The day' }]);
    expect(query.fingerprint).toBeUndefined();
  });

  it('finds the fingerprint column and the id it sums', () => {
    const query = parseQueryFile(
      'people.sql',
      `${HEADER}SELECT s.id AS student_id, SUM(s.id) OVER () AS id_sum FROM students s ORDER BY s.id`,
    );
    expect(query.fingerprint).toEqual({ idSum: 'id_sum', id: 'student_id' });
  });

  it.each([
    ['no ORDER BY', `${HEADER}SELECT s.id AS id FROM students s`, /ORDER BY/],
    ['a column without AS', `${HEADER}SELECT s.id FROM students s ORDER BY s.id`, /needs "AS name"/],
    ['an unknown alias', `${HEADER}SELECT x.id AS id FROM students s ORDER BY s.id`, /"x\.id" names no table/],
    ['an undeclared bind', `${HEADER}SELECT s.id AS id FROM students s WHERE s.id = :who ORDER BY s.id`, /:who without an "-- arg:"/],
    [
      'a four-part name',
      '-- name: org.example.area.people\n-- summary: s\n-- description: d\nSELECT s.id AS id FROM students s ORDER BY s.id',
      /five/,
    ],
    ['a column reading no field', `${HEADER}SELECT 1 AS one FROM students s ORDER BY s.id`, /reads no TABLE\.FIELD/],
    [
      'a fingerprint summing a field no column returns',
      `${HEADER}SELECT s.id AS id, SUM(s.dcid) OVER () AS id_sum FROM students s ORDER BY s.id`,
      /sums STUDENTS\.DCID, which no other column returns/,
    ],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseQueryFile('bad.sql', text)).toThrow(message);
  });
});
