import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { checkPowerSchoolSettings } from '../../src/sources/powerschool/api/create-reader.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeFile } from '../helpers/temp.js';

function configError(env: Record<string, string>): Error & { key?: string } {
  try {
    loadConfig({ env });
  } catch (error) {
    return error as Error & { key?: string };
  }
  throw new Error('expected the configuration to be refused');
}

describe('URL settings', () => {
  it.each(['HTTP://aspiredu.example', 'Http://aspiredu.example', ' http://aspiredu.example'])(
    'refuses plain http written as %j without allowInsecureHttp',
    (url) => {
      const error = configError({ SIS_SYNC_ASPIREDU_URL: url });
      expect(error.message).toMatch(/aspiredu\.url uses http:\/\//);
      expect(error.key).toBe('aspiredu.url');
    },
  );

  it('refuses HTTP:// for powerschool.url, in the config and where the REST source is built', () => {
    expect(configError({ SIS_SYNC_POWERSCHOOL_URL: 'HTTP://ps.example' }).message).toMatch(/powerschool\.url uses http:\/\//);
    const { settings } = loadConfig({ env: { SIS_SYNC_POWERSCHOOL_URL: 'https://ps.example' } });
    settings.powerschool = { ...settings.powerschool, url: 'HTTP://ps.example', clientId: 'id', clientSecret: 'secret' };
    expect(() => checkPowerSchoolSettings(settings)).toThrow(/powerschool\.url uses http:\/\//);
  });

  it('still takes http:// when allowInsecureHttp is on, and https:// in any case', () => {
    expect(
      loadConfig({ env: { SIS_SYNC_ASPIREDU_URL: 'HTTP://sim.example', SIS_SYNC_ALLOW_INSECURE_HTTP: 'true' } }).settings.aspiredu.url,
    ).toBe('HTTP://sim.example');
    expect(loadConfig({ env: { SIS_SYNC_ASPIREDU_URL: 'HTTPS://a.example' } }).settings.aspiredu.url).toBe('HTTPS://a.example');
  });

  it('refuses other schemes', () => {
    expect(configError({ SIS_SYNC_ASPIREDU_URL: 'ftp://a.example' }).message).toMatch(
      /aspiredu\.url: must start with https:\/\/ or http:\/\//,
    );
  });

  it('refuses a user name and password in the URL without repeating them', () => {
    const error = configError({ SIS_SYNC_ASPIREDU_URL: 'https://district:Pa55-in-url@a.example/' });
    expect(error.message).toMatch(/aspiredu\.url: must not hold a user name or password.*\(from SIS_SYNC_ASPIREDU_URL\)/);
    expect(error.message).not.toContain('Pa55-in-url');
    expect(error.message).not.toContain('district:');
  });

  it('refuses a query (a token in ?token=) without repeating it', () => {
    const error = configError({ SIS_SYNC_POWERSCHOOL_URL: 'https://ps.example/?token=T0ken-in-query' });
    expect(error.message).toMatch(/powerschool\.url: must not hold a query/);
    expect(error.message).not.toContain('T0ken-in-query');
  });

  it('config check exits 2 on credentials in the URL and prints them nowhere', async () => {
    const file = writeFile(tempDir(), 'sis-sync.json', JSON.stringify({ aspiredu: { url: 'https://u:Pw-9f3k@a.example/?token=Tk-77aa' } }));
    const result = await runCli(['--config', file, 'config', 'check']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/aspiredu\.url: must not hold a user name or password/);
    expect(result.stdout + result.stderr).not.toMatch(/Pw-9f3k|Tk-77aa/);
  });
});
