import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { silentLogger } from '../../src/log/logger.js';
import { createPowerSchoolApiReader } from '../../src/sources/powerschool-api/create-reader.js';
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
});
