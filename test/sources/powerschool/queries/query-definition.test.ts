import { describe, expect, it } from 'vitest';
import { parseQueryFile } from '../../../../src/sources/powerschool/queries/query-definition.js';

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
    expect(query.key).toBeUndefined();
  });

  const KEYED =
    '-- name: org.example.area.people.all\n-- summary: s\n-- description: d\n-- arg: after_id | a\n-- arg: up_to_id | b\n-- key: s.id\n';
  const RANGE = 'WHERE s.id > :after_id AND s.id <= :up_to_id';

  it('finds the key a query is read by, and the column that returns it', () => {
    const query = parseQueryFile('people.sql', `${KEYED}SELECT s.id AS student_id FROM students s ${RANGE} ORDER BY s.id`);
    expect(query.key).toEqual({ table: 'STUDENTS', field: 'ID', sql: 's.id', column: 'student_id' });
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
      'a key no column returns',
      `${KEYED}SELECT s.dcid AS dcid FROM students s ${RANGE} ORDER BY s.id`,
      /key s\.id is returned by no column/,
    ],
    [
      'a key the query is not ordered by alone',
      `${KEYED}SELECT s.id AS id FROM students s ${RANGE} ORDER BY s.last_name, s.id`,
      /must be ORDER BY s\.id alone/,
    ],
    ['a key without the range args', `${HEADER}-- key: s.id\nSELECT s.id AS id FROM students s ORDER BY s.id`, /needs the arg after_id/],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseQueryFile('bad.sql', text)).toThrow(message);
  });
});
