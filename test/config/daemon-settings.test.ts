import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';
import { tempDir, writeFile } from '../helpers/temp.js';

// The daemon's settings are checked when the configuration loads, each bad value named.

function load(config: Record<string, unknown>, env: Record<string, string> = {}) {
  const file = writeFile(tempDir(), 'sis-sync.json', JSON.stringify(config));
  return loadConfig({ file, env });
}

function problem(config: Record<string, unknown>, env: Record<string, string> = {}): string {
  try {
    load(config, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('daemon settings', () => {
  it('has defaults that run daily at 05:00 in the server zone, health on 127.0.0.1', () => {
    const { settings } = load({});
    expect(settings.schedule).toEqual({ cron: '0 5 * * *', timezone: '', runOnStart: false, blackout: [] });
    expect(settings.health).toEqual({ enabled: true, host: '127.0.0.1', port: 9464 });
  });

  it('names a bad cron expression and what is wrong with it', () => {
    expect(problem({ schedule: { cron: '0 5 * *' } })).toContain('schedule.cron: must have 5 fields');
    expect(problem({ schedule: { cron: '0 25 * * *' } })).toMatch(/schedule\.cron: .*hour/);
  });

  it('names a time zone that does not exist', () => {
    expect(problem({ schedule: { timezone: 'America/Springfield' } })).toContain('schedule.timezone: must be an IANA time zone');
  });

  it('names a bad blackout range', () => {
    expect(problem({ schedule: { blackout: ['2026-06-31/2026-07-06'] } })).toContain('"2026-06-31/2026-07-06" is not a date range');
    expect(problem({ schedule: { blackout: ['2026-07-06/2026-06-26'] } })).toContain('ends before it starts');
  });

  it('reads blackout ranges and expiry dates from the environment', () => {
    const { settings } = load(
      {},
      {
        SIS_SYNC_SCHEDULE_BLACKOUT: '2026-06-26/2026-07-06, 2026-12-25',
        SIS_SYNC_CREDENTIALS_EXPIRES: 'aspiredu.token=2027-06-30',
        SIS_SYNC_SCHEDULE_TIMEZONE: 'Europe/Berlin',
      },
    );
    expect(settings.schedule.blackout).toEqual(['2026-06-26/2026-07-06', '2026-12-25']);
    expect(settings.credentials.expires).toEqual(['aspiredu.token=2027-06-30']);
    expect(settings.schedule.timezone).toBe('Europe/Berlin');
  });

  it('names a bad expiry date', () => {
    expect(problem({ credentials: { expires: ['aspiredu.token=30/06/2027'] } })).toContain(
      'credentials.expires: each entry must be "<credential>=YYYY-MM-DD", such as "aspiredu.token=2027-06-30"; got "aspiredu.token=30/06/2027"',
    );
  });
});
