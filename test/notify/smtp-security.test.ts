import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { statusCommand } from '../../src/cli/commands/status.js';
import type { CommandContext } from '../../src/cli/context.js';
import { loadConfig } from '../../src/config/load.js';
import { NotifyError } from '../../src/errors.js';
import { mailSettingsFrom } from '../../src/notify/mail-settings.js';
import { createSmtpMailer } from '../../src/notify/mailer.js';
import { createNotifyHarness, type NotifyHarness } from '../helpers/notify-harness.js';
import { startTestSmtp, TEST_CERT_FILE, type TestSmtp } from '../helpers/smtp.js';

// TLS (STARTTLS and implicit), login from secrets, and what happens when either goes wrong;
// the password never shows up in a log line, an error, an email, the outbox or `status`.

const PASSWORD = 'Pa55-w0rd-9c4e1b';
let smtp: TestSmtp | undefined;
let h: NotifyHarness | undefined;

afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
  await h?.close();
  h = undefined;
});

function mailerFor(env: Record<string, string>) {
  const settings = loadConfig({ env: { SIS_SYNC_NOTIFY_FROM: 'sis-sync@district.test', ...env } }).settings;
  const mail = mailSettingsFrom(settings);
  if (!mail) throw new Error('mail not configured');
  return createSmtpMailer(mail.smtp);
}

async function send(env: Record<string, string>): Promise<void> {
  const mailer = mailerFor(env);
  try {
    await mailer.send({ from: 'sis-sync@district.test', to: ['it@district.test'], subject: 'Hello', text: 'Hello', html: '<p>Hello</p>' });
  } finally {
    mailer.close();
  }
}

async function failure(env: Record<string, string>): Promise<NotifyError> {
  try {
    await send(env);
  } catch (error) {
    if (error instanceof NotifyError) return error;
    throw error;
  }
  throw new Error('expected sending to fail');
}

describe('SMTP security', () => {
  it('logs in over STARTTLS with the password from a secret, trusting the CA in notify.smtpCaFile', async () => {
    smtp = await startTestSmtp({ tls: 'starttls', auth: { user: 'sis', pass: PASSWORD } });
    await send({
      SIS_SYNC_NOTIFY_SMTP_URL: smtp.url,
      SIS_SYNC_NOTIFY_SMTP_USER: 'sis',
      SIS_SYNC_NOTIFY_SMTP_PASSWORD: PASSWORD,
      SIS_SYNC_NOTIFY_SMTP_CA_FILE: TEST_CERT_FILE,
    });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toMatchObject({ user: 'sis', secure: true, subject: 'Hello' });
  });

  it('uses TLS from the first byte with smtps://', async () => {
    smtp = await startTestSmtp({ tls: 'implicit', auth: { user: 'sis', pass: PASSWORD } });
    expect(smtp.url).toMatch(/^smtps:/);
    await send({
      SIS_SYNC_NOTIFY_SMTP_URL: smtp.url,
      SIS_SYNC_NOTIFY_SMTP_USER: 'sis',
      SIS_SYNC_NOTIFY_SMTP_PASSWORD: PASSWORD,
      SIS_SYNC_NOTIFY_SMTP_CA_FILE: TEST_CERT_FILE,
    });
    expect(smtp.messages[0]).toMatchObject({ user: 'sis', secure: true });
  });

  it('says the login was refused, without the password', async () => {
    smtp = await startTestSmtp({ tls: 'starttls', auth: { user: 'sis', pass: PASSWORD } });
    const error = await failure({
      SIS_SYNC_NOTIFY_SMTP_URL: smtp.url,
      SIS_SYNC_NOTIFY_SMTP_USER: 'sis',
      SIS_SYNC_NOTIFY_SMTP_PASSWORD: `${PASSWORD}-wrong`,
      SIS_SYNC_NOTIFY_SMTP_CA_FILE: TEST_CERT_FILE,
    });
    expect(error.code).toBe('NOTIFY_AUTH');
    expect(error.message).toMatch(/The mail server 127\.0\.0\.1:\d+ refused the login: .*535/);
    expect(error.hint).toContain('notify.smtpPassword');
    expect(`${error.message}${error.hint}`).not.toContain(PASSWORD);
    expect(smtp.messages).toEqual([]);
  });

  it('refuses a certificate it cannot trust', async () => {
    smtp = await startTestSmtp({ tls: 'starttls' });
    const error = await failure({ SIS_SYNC_NOTIFY_SMTP_URL: smtp.url });
    expect(error.code).toBe('NOTIFY_TLS');
    expect(error.hint).toContain('notify.smtpCaFile');
    expect(smtp.messages).toEqual([]);
  });

  it('refuses to go on unencrypted when the server offers no STARTTLS, unless told to', async () => {
    smtp = await startTestSmtp({ tls: 'none' });
    const error = await failure({ SIS_SYNC_NOTIFY_SMTP_URL: smtp.url, SIS_SYNC_NOTIFY_SMTP_CA_FILE: TEST_CERT_FILE });
    expect(error.code).toBe('NOTIFY_TLS');
    expect(smtp.messages).toEqual([]);

    await send({ SIS_SYNC_NOTIFY_SMTP_URL: smtp.url, SIS_SYNC_NOTIFY_SMTP_REQUIRE_TLS: 'false' });
    expect(smtp.messages[0]).toMatchObject({ secure: false, user: undefined });
  });

  it('a refused login during a run: the run goes on, mail is said to fail, and the password is nowhere', async () => {
    h = await createNotifyHarness({
      students: ['s1'],
      viewers: ['t1'],
      smtp: { auth: { user: 'sis', pass: PASSWORD } },
      notify: { smtpUser: 'sis', smtpPassword: `${PASSWORD}-wrong` },
    });
    h.writeStudents([['Grade 9', 's1']]);
    h.writeViewers([['Grade 9', 't1', false]]);
    const result = await h.cycle();
    expect(result.kind === 'report' && result.report.outcome).toBe('success');
    expect(h.captured.entries().find((e) => e.event === 'notify.failing')).toMatchObject({ code: 'NOTIFY_AUTH' });

    const lines: string[] = [];
    const ctx = { settings: h.settings, log: h.captured.log, out: (text: string) => lines.push(text) } as unknown as CommandContext;
    await statusCommand(ctx, {});
    await statusCommand(ctx, { json: true });
    expect(lines.join('\n')).toContain('refused the login');

    const outbox = h.store.db.prepare('SELECT * FROM notify_outbox').all();
    expect(outbox.length).toBeGreaterThan(0);
    const stateDir = h.settings.state.dir;
    const stateFiles = readdirSync(stateDir).map((name) => readFileSync(join(stateDir, name)).toString('latin1'));
    for (const text of [h.captured.text(), lines.join('\n'), JSON.stringify(outbox), ...stateFiles]) expect(text).not.toContain(PASSWORD);
  });
});
