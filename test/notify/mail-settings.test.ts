import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';
import { scrubSecrets } from '../../src/util/secrets.js';
import { mailSettingsFrom } from '../../src/notify/mail-settings.js';
import { TEST_CERT_FILE } from '../helpers/smtp.js';
import { tempDir, writeFile } from '../helpers/temp.js';

// The notify.* settings: each key validated alone by the schema, then together as a run needs them.

function load(env: Record<string, string>, file?: Record<string, unknown>) {
  const path = file ? writeFile(tempDir(), 'config.json', JSON.stringify(file)) : undefined;
  return loadConfig({ file: path, env }).settings;
}

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('notify settings', () => {
  const mailEnv = { SIS_SYNC_NOTIFY_SMTP_URL: 'smtps://mail.district.test', SIS_SYNC_NOTIFY_FROM: 'sis-sync@district.test' };

  it("times in emails: notify.timeZone, else schedule.timezone, else the server's zone", () => {
    expect(mailSettingsFrom(load({ ...mailEnv, SIS_SYNC_SCHEDULE_TIMEZONE: 'America/Denver' }))?.timeZone).toBe('America/Denver');
    expect(
      mailSettingsFrom(load({ ...mailEnv, SIS_SYNC_SCHEDULE_TIMEZONE: 'America/Denver', SIS_SYNC_NOTIFY_TIME_ZONE: 'America/Chicago' }))
        ?.timeZone,
    ).toBe('America/Chicago');
    expect(mailSettingsFrom(load(mailEnv))?.timeZone).toBe('');
  });

  it('notify.identify: names by default, ids on request, anything else refused with the setting named', () => {
    expect(mailSettingsFrom(load(mailEnv))?.identify).toBe('names');
    expect(mailSettingsFrom(load({ ...mailEnv, SIS_SYNC_NOTIFY_IDENTIFY: 'ids' }))?.identify).toBe('ids');
    expect(() => load({ ...mailEnv, SIS_SYNC_NOTIFY_IDENTIFY: 'initials' })).toThrow(/notify\.identify/);
  });

  it('leaves mail off when nothing is set', () => {
    expect(mailSettingsFrom(load({}))).toBeUndefined();
  });

  it('reads recipient lists from the environment, separated by commas or semicolons', () => {
    const settings = load({
      SIS_SYNC_NOTIFY_SMTP_URL: 'smtps://mail.district.test',
      SIS_SYNC_NOTIFY_FROM: 'sis-sync@district.test',
      SIS_SYNC_NOTIFY_MISSING_USERS: 'registrar@district.test; counsel@district.test ,',
    });
    const mail = mailSettingsFrom(settings);
    expect(mail?.recipients.missingUsers).toEqual(['registrar@district.test', 'counsel@district.test']);
    expect(mail?.smtp).toMatchObject({ host: 'mail.district.test', port: 465, implicitTls: true, requireTls: true });
    expect(mail?.reminderMs).toBe(24 * 3_600_000);
    expect(mail?.heartbeatMs).toBe(0);
  });

  it('defaults smtp:// to port 587 with STARTTLS required, and reads a CA file', () => {
    const mail = mailSettingsFrom(
      load(
        {},
        {
          notify: {
            smtpUrl: 'smtp://mail.district.test',
            from: 'a@district.test',
            errors: ['it@district.test'],
            smtpCaFile: TEST_CERT_FILE,
          },
        },
      ),
    );
    expect(mail?.smtp).toMatchObject({ port: 587, implicitTls: false, requireTls: true });
    expect(mail?.smtp.ca).toContain('-----BEGIN CERTIFICATE-----');
  });

  it('names the bad entry of a recipient list', () => {
    const error = configError(() => load({ SIS_SYNC_NOTIFY_ERRORS: 'it@district.test, helpdesk' }));
    expect(error.message).toContain('notify.errors: must be a list of email addresses; "helpdesk" is not one');
  });

  it('refuses a URL that is not smtp:// or smtps://', () => {
    expect(configError(() => load({ SIS_SYNC_NOTIFY_SMTP_URL: 'https://mail.district.test' })).message).toContain(
      'notify.smtpUrl: must start with smtp:// or smtps://',
    );
  });

  it('refuses a password inside the URL without repeating it', () => {
    const error = configError(() => load({ SIS_SYNC_NOTIFY_SMTP_URL: 'smtp://bob:S3cret-in-url@mail.district.test:587' }));
    expect(error.message).toContain('notify.smtpUrl: must not hold a user name or password: set notify.smtpUser and notify.smtpPassword');
    // The CLI prints errors through scrubSecrets, as it does every line.
    expect(scrubSecrets(error.message)).not.toContain('S3cret-in-url');
  });

  it('names the missing key when mail is half configured', () => {
    expect(configError(() => mailSettingsFrom(load({ SIS_SYNC_NOTIFY_ERRORS: 'it@district.test' }))).key).toBe('notify.smtpUrl');
    expect(configError(() => mailSettingsFrom(load({ SIS_SYNC_NOTIFY_SMTP_URL: 'smtp://mail.district.test' }))).key).toBe('notify.from');
    const base = { SIS_SYNC_NOTIFY_SMTP_URL: 'smtp://mail.district.test', SIS_SYNC_NOTIFY_FROM: 'a@district.test' };
    expect(configError(() => mailSettingsFrom(load({ ...base, SIS_SYNC_NOTIFY_SMTP_PASSWORD: 'pw-1234' }))).key).toBe('notify.smtpUser');
    expect(configError(() => mailSettingsFrom(load({ ...base, SIS_SYNC_NOTIFY_SMTP_CA_FILE: '/nonexistent/ca.pem' }))).key).toBe(
      'notify.smtpCaFile',
    );
  });

  it('refuses to send a password over a connection that may stay unencrypted', () => {
    const error = configError(() =>
      mailSettingsFrom(
        load({
          SIS_SYNC_NOTIFY_SMTP_URL: 'smtp://mail.district.test:25',
          SIS_SYNC_NOTIFY_FROM: 'a@district.test',
          SIS_SYNC_NOTIFY_SMTP_USER: 'sis',
          SIS_SYNC_NOTIFY_SMTP_PASSWORD: 'pw-1234',
          SIS_SYNC_NOTIFY_SMTP_REQUIRE_TLS: 'false',
        }),
      ),
    );
    expect(error.key).toBe('notify.smtpRequireTls');
  });

  it('reads the password from a *_FILE variable, as it does every secret', () => {
    const file = writeFile(tempDir(), 'smtp-password', 'from-a-file-123\n');
    const settings = load({ SIS_SYNC_NOTIFY_SMTP_PASSWORD_FILE: file });
    expect(settings.notify.smtpPassword).toBe('from-a-file-123');
    expect(scrubSecrets('password from-a-file-123')).toBe('password [redacted]');
  });

  it('refuses a time zone that does not exist', () => {
    expect(configError(() => load({ SIS_SYNC_NOTIFY_TIME_ZONE: 'Mars/Olympus' })).message).toContain(
      'notify.timeZone: must be an IANA time zone',
    );
  });
});
