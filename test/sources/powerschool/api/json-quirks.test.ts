import { afterEach, describe, expect, it } from 'vitest';
import type { PowerSchoolSim } from '../../../../src/sim/powerschool/server.js';
import {
  asInteger,
  asList,
  asText,
  listAt,
  queryRecord,
  tableRecord,
  withoutMeta,
} from '../../../../src/sources/powerschool/api/json-quirks.js';
import { psClient, startPsSim } from '../../../helpers/powerschool.js';

// Each of PowerSchool's JSON quirks, alone and then as the simulator sends them.

let sim: PowerSchoolSim;
afterEach(async () => {
  await sim?.close();
});

const COLUMNS = [
  { name: 'student_id', table: 'STUDENTS', field: 'ID' },
  { name: 'school_number', table: 'SCHOOLS', field: 'SCHOOL_NUMBER' },
];

describe('PowerSchool JSON quirks', () => {
  it('takes a list of one element sent as the element itself', () => {
    expect(listAt({ students: { student: { id: 1 } } }, 'students', 'student')).toEqual([{ id: 1 }]);
    expect(asList({ id: 1 })).toEqual([{ id: 1 }]);
  });

  it('takes an empty list sent as a missing key, null or ""', () => {
    expect(listAt({ students: { '@expansions': 'x' } }, 'students', 'student')).toEqual([]);
    expect(listAt({ students: null }, 'students', 'student')).toEqual([]);
    expect(listAt({ students: '' }, 'students', 'student')).toEqual([]);
    expect(listAt({}, 'record')).toEqual([]);
  });

  it('reads numbers sent as strings, and text ids sent as numbers', () => {
    expect(asInteger('12')).toBe(12);
    expect(asInteger('100234.0')).toBe(100234);
    expect(asInteger(-1)).toBe(-1);
    expect(asInteger(undefined)).toBeNull();
    expect(asInteger('twelve')).toBeNaN();
    expect(asText(100234)).toBe('100234');
    expect(asText(undefined)).toBeNull();
  });

  it('drops @expansions and @extensions', () => {
    expect(withoutMeta({ '@expansions': 'a', '@extensions': 'b', id: 1 })).toEqual({ id: 1 });
  });

  it('reads a record grouped under tables.<table> the same as a flattened one', () => {
    const flat = queryRecord({ student_id: '5', school_number: '100' }, COLUMNS);
    const grouped = queryRecord({ id: 1, name: 'students', tables: { students: { id: '5' }, schools: { school_number: '100' } } }, COLUMNS);
    expect(grouped).toEqual(flat);
    expect(tableRecord({ tables: { U_StudentsUserFields: { StudentsDCID: '7' } } }, 'u_studentsuserfields')).toEqual({ studentsdcid: '7' });
  });
});

describe('PowerSchool JSON quirks over the wire (ws/v1)', () => {
  it('reads lists of many, one and none, whatever the empty style, and metadata numbers sent as strings', async () => {
    // A plugin with v1 access: the ws/v1 lists show the quirks the PowerQuery lists share.
    sim = await startPsSim({ district: { today: '2024-10-01', schools: 1, students: 30 }, maxPageSize: 7, v1Access: true });
    const ps = psClient(sim);
    const list = async (path: string, collection: string, item: string) =>
      listAt((await ps.request({ method: 'GET', path, query: { page: 1, pagesize: 7 } })).json, collection, item);
    try {
      expect((await ps.metadata()).maxPageSize).toBe(7);
      expect(await list('ws/v1/school/1/student', 'students', 'student')).toHaveLength(7);
      const schools = await list('ws/v1/district/school', 'schools', 'school');
      expect(schools).toHaveLength(1);
      expect(schools[0]).toMatchObject({ school_number: 100 });
      for (const style of ['missing', 'null', 'empty-string'] as const) {
        sim.live.emptyListStyle = style;
        expect(await list('ws/v1/school/99/section', 'sections', 'section')).toEqual([]);
        const response = await ps.request({ method: 'GET', path: 'ws/v1/school/99/section' });
        expect(response.text).toBe(style === 'missing' ? '{"sections":{}}' : style === 'null' ? '{"sections":null}' : '{"sections":""}');
      }
    } finally {
      await ps.close();
    }
  });

  it('answers the metadata to a plugin without v1 access, and refuses it the rest of ws/v1, as PowerSchool does', async () => {
    sim = await startPsSim({ district: { today: '2024-10-01', schools: 1, students: 5 } });
    const ps = psClient(sim);
    try {
      expect((await ps.metadata()).version).toMatch(/^24\./);
      await expect(ps.request({ method: 'GET', path: 'ws/v1/district/school' })).rejects.toMatchObject({ cause: { status: 403 } });
    } finally {
      await ps.close();
    }
  });
});
