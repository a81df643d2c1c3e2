import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { silentLogger } from '../../src/log/logger.js';
import { createPowerSchoolApiReader } from '../../src/sources/powerschool/api/create-reader.js';
import { checkRosterSettings } from '../../src/sources/powerschool/roster/roster-settings.js';
import { tempDir, writeFile } from '../helpers/temp.js';

// powerschool.* settings: lists from the environment, and mistakes named by their key.

function load(powerschool: Record<string, unknown>, env: Record<string, string> = {}) {
  const file = writeFile(tempDir(), 'config.json', JSON.stringify({ powerschool }));
  return loadConfig({ file, env });
}

describe('powerschool settings', () => {
  it('reads lists and the secret from the environment', () => {
    const { settings, masked } = load(
      { url: 'https://ps.example.org', clientId: 'id' },
      {
        SIS_SYNC_POWERSCHOOL_ACTIVE_ENROLL_STATUSES: '0,-1',
        SIS_SYNC_POWERSCHOOL_SCHOOLS: '100, 200',
        SIS_SYNC_POWERSCHOOL_STUDENT_FIELDS: 'counselor=U_STUDENTSUSERFIELDS.COUNSELOR',
        SIS_SYNC_POWERSCHOOL_CLIENT_SECRET: 'a-very-secret-value',
      },
    );
    expect(settings.powerschool.activeEnrollStatuses).toEqual([0, -1]);
    expect(settings.powerschool.schools).toEqual(['100', '200']);
    expect(settings.powerschool.studentFields).toEqual(['counselor=U_STUDENTSUSERFIELDS.COUNSELOR']);
    expect(masked()).not.toContain('a-very-secret-value');
  });

  it.each([
    [{ activeEnrollStatuses: [7] }, /powerschool\.activeEnrollStatuses/],
    [{ studentFields: ['COUNSELOR'] }, /powerschool\.studentFields.*TABLE\.FIELD/],
    [{ asOfDate: '10/01/2024' }, /powerschool\.asOfDate/],
    [{ staffIdField: 'ssn' }, /powerschool\.staffIdField/],
  ])('names the key of a bad value: %j', (powerschool, message) => {
    expect(() => load(powerschool)).toThrow(message);
  });

  it('refuses a SIS id field that is neither built in nor a configured student field, and plain http', () => {
    const secret = { SIS_SYNC_POWERSCHOOL_CLIENT_SECRET: 'secret-value' };
    const custom = load({ url: 'https://ps.example.org', clientId: 'id', studentIdField: 'locker' }, secret).settings;
    expect(() => createPowerSchoolApiReader(custom, silentLogger(), undefined)).toThrow(/powerschool\.studentIdField is "locker"/);
    // Plain http is refused as the configuration loads, before anything reads it.
    expect(() => load({ url: 'http://ps.example.org', clientId: 'id' }, secret)).toThrow(
      expect.objectContaining({ code: 'CONFIG_INSECURE_URL', key: 'powerschool.url' }),
    );
    const missing = load({ url: 'https://ps.example.org' }).settings;
    expect(() => createPowerSchoolApiReader(missing, silentLogger(), undefined)).toThrow(
      /powerschool\.clientId, powerschool\.clientSecret/,
    );
  });

  describe('extra student fields (each one goes into the plugin, and one PowerSchool cannot grant stops the whole plugin)', () => {
    const fields =
      (studentFields: string[], studentExtensionTables: string[] = []) =>
      () =>
        checkRosterSettings(load({ studentFields, studentExtensionTables }).settings);

    it('accepts STUDENTS, STUDENTCOREFIELDS, U_ extensions and state S_..._STU_..._X tables', () => {
      const parsed = fields([
        'homeroom=STUDENTS.HOME_ROOM',
        'STUDENTCOREFIELDS.HOMEROOM_TEACHER',
        'counselor=U_DEF_EXT_STUDENTS.COUNSELOR_DCID',
        'S_NC_STU_X.LEP',
        'crdc=S_STU_CRDC_X.GIFTED',
        'S_STU_X.FOSTER',
      ])();
      expect(parsed.map((f) => `${f.table}.${f.keyField}`)).toEqual([
        'STUDENTS.DCID',
        'STUDENTCOREFIELDS.STUDENTSDCID',
        'U_DEF_EXT_STUDENTS.STUDENTSDCID',
        'S_NC_STU_X.STUDENTSDCID',
        'S_STU_CRDC_X.STUDENTSDCID',
        'S_STU_X.STUDENTSDCID',
      ]);
    });

    it('refuses a table that is not a one-to-one extension of STUDENTS, and says how to vouch for one', () => {
      expect(fields(['section=CC.SECTIONID'])).toThrow(
        'powerschool.studentFields: "section=CC.SECTIONID": CC is neither STUDENTS nor a known one-to-one extension of it',
      );
      expect(fields(['locker=PS_STUDENT_LOCKERS.LOCKER'])).toThrow(/add "PS_STUDENT_LOCKERS" to powerschool\.studentExtensionTables/);
      expect(fields(['locker=PS_STUDENT_LOCKERS.LOCKER'], ['ps_student_lockers'])()[0]).toMatchObject({ table: 'PS_STUDENT_LOCKERS' });
    });

    it('refuses a field the roster queries read already, and the column keying the table', () => {
      expect(fields(['grade=STUDENTS.GRADE_LEVEL'])).toThrow(
        'powerschool.studentFields: "grade=STUDENTS.GRADE_LEVEL": the roster queries read STUDENTS.GRADE_LEVEL already',
      );
      expect(fields(['U_STUDENTSUSERFIELDS.STUDENTSDCID'])).toThrow(/STUDENTSDCID is the column that joins the table to its student/);
    });

    it('refuses a table or column name longer than PowerSchool allows', () => {
      expect(() => load({ studentFields: ['U_STUDENTSUSERFIELDS.COUNSELOR_OF_RECORD_FOR_THE_YEAR'] })).toThrow(
        /COUNSELOR_OF_RECORD_FOR_THE_YEAR is 32 characters; PowerSchool table and column names have at most 30/,
      );
    });
  });
});
