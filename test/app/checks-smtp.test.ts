import { afterEach, describe, expect, it } from 'vitest';
import { configuredChecks } from '../../src/app/checks.js';
import { loadConfig } from '../../src/config/load.js';
import { silentLogger } from '../../src/log/logger.js';
import { startTestSmtp, TEST_CERT_FILE, type TestSmtp } from '../helpers/smtp.js';

// `sis-sync check` tries the mail server only when one is configured: connects, logs in, sends nothing.

let smtp: TestSmtp | undefined;

afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

function smtpCheck(env: Record<string, string>) {
  const settings = loadConfig({ env }).settings;
  return configuredChecks(settings, silentLogger()).find((c) => c.name === 'Mail server (SMTP)');
}

describe('SMTP check', () => {
  it('is not there when no mail server is configured', () => {
    expect(smtpCheck({})).toBeUndefined();
  });

  it('connects over STARTTLS and logs in, sending nothing', async () => {
    smtp = await startTestSmtp({ tls: 'starttls', auth: { user: 'sis', pass: 'Pa55-word-1' } });
    const check = smtpCheck({
      SIS_SYNC_NOTIFY_SMTP_URL: smtp.url,
      SIS_SYNC_NOTIFY_FROM: 'sis-sync@district.test',
      SIS_SYNC_NOTIFY_SMTP_USER: 'sis',
      SIS_SYNC_NOTIFY_SMTP_PASSWORD: 'Pa55-word-1',
      SIS_SYNC_NOTIFY_SMTP_CA_FILE: TEST_CERT_FILE,
    });
    expect(await check?.run()).toBe(`connected to 127.0.0.1:${smtp.port} over STARTTLS (required) as sis; login accepted`);
    expect(smtp.connections).toBe(1);
    expect(smtp.messages).toEqual([]);
  });

  it('fails with what to fix when the login is refused or mail is half configured', async () => {
    smtp = await startTestSmtp({ tls: 'starttls', auth: { user: 'sis', pass: 'Pa55-word-1' } });
    const base = { SIS_SYNC_NOTIFY_SMTP_URL: smtp.url, SIS_SYNC_NOTIFY_SMTP_CA_FILE: TEST_CERT_FILE };
    const refused = smtpCheck({
      ...base,
      SIS_SYNC_NOTIFY_FROM: 'a@district.test',
      SIS_SYNC_NOTIFY_SMTP_USER: 'sis',
      SIS_SYNC_NOTIFY_SMTP_PASSWORD: 'nope-nope',
    });
    await expect(refused?.run()).rejects.toMatchObject({ code: 'NOTIFY_AUTH' });
    const halfConfigured = smtpCheck(base);
    await expect(halfConfigured?.run()).rejects.toMatchObject({ key: 'notify.from' });
  });
});
