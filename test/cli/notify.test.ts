import { chmodSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cliSetup } from '../helpers/cli-setup.js';
import { runCli } from '../helpers/cli.js';
import { closedPort, startTestSmtp, TEST_CERT_FILE, type TestSmtp } from '../helpers/smtp.js';
import { writeFile } from '../helpers/temp.js';

// The real CLI in a child process with a real SMTP server: `notify test`, `check`, and `once`
// delivering its digest, or keeping it in the outbox when mail is down, without failing the run.

const TOKEN = 'tok-SECRET-7b1d0e55aa';
const PASSWORD = 'smtp-SECRET-3f8e2a91';
let smtp: TestSmtp | undefined;

afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

async function setup(options: { smtpPort?: number; notify?: Record<string, unknown> } = {}) {
  smtp = await startTestSmtp({ tls: 'starttls', auth: { user: 'sis', pass: PASSWORD } });
  const setup = await cliSetup({
    sim: { token: TOKEN, processingDelayMs: 20, students: [{ sisId: 's1' }], viewers: [{ sisId: 't1' }] },
    students: [
      ['Grade 9', 's1'],
      ['Grade 9', 'new-kid'],
    ],
    viewers: [['Grade 9', 't1', false]],
    config: {
      aspiredu: { pollIntervalSeconds: 0.05 },
      notify: {
        smtpUrl: `smtp://127.0.0.1:${options.smtpPort ?? smtp.port}`,
        smtpUser: 'sis',
        smtpCaFile: TEST_CERT_FILE,
        smtpTimeoutSeconds: 5,
        from: 'sis-sync@district.test',
        districtName: 'Springfield USD',
        errors: ['it@district.test'],
        missingUsers: ['registrar@district.test'],
        changes: ['it@district.test'],
        ...options.notify,
      },
    },
  });
  const passwordFile = writeFile(setup.dir, 'smtp-password', `${PASSWORD}\n`);
  chmodSync(passwordFile, 0o600); // readable by others, it would warn on stderr
  return { env: { ...setup.env, SIS_SYNC_NOTIFY_SMTP_PASSWORD_FILE: passwordFile }, smtp };
}

function noSecrets(...texts: string[]): void {
  for (const text of texts) {
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(TOKEN);
  }
}

describe('sis-sync notify test', () => {
  it('sends every recipient one message saying what they will receive', async () => {
    const { env, smtp } = await setup();
    const result = await runCli(['notify', 'test'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('sent a test message to it@district.test\nsent a test message to registrar@district.test\n');
    expect(smtp.messages.map((m) => [m.rcptTo, m.user, m.secure])).toEqual([
      [['it@district.test'], 'sis', true],
      [['registrar@district.test'], 'sis', true],
    ]);
    expect(smtp.messages[0]?.subject).toBe('Springfield USD: sis-sync test message');
    expect(smtp.messages[0]?.text).toContain('which dashboards changed');
    expect(smtp.messages[1]?.text).toContain('students and staff AspirEDU does not know');
    expect(smtp.messages[1]?.text).not.toContain('which dashboards changed');
    noSecrets(result.stdout, result.stderr, ...smtp.messages.map((m) => m.raw));
  });

  it('sends to --to only', async () => {
    const { env, smtp } = await setup();
    const result = await runCli(['notify', 'test', '--to', 'someone@district.test'], env);
    expect(result.code).toBe(0);
    expect(smtp.messages.map((m) => m.rcptTo)).toEqual([['someone@district.test']]);
    expect(smtp.messages[0]?.text).toContain('on none of the notify.* lists');
  });

  it('exits 1 naming the mail server when it is down, and 2 when mail is not configured', async () => {
    const { env } = await setup({ smtpPort: await closedPort() });
    const down = await runCli(['notify', 'test'], env);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/error: Cannot reach the mail server 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
    expect(down.stderr).toContain('→ Check the host and port in notify.smtpUrl');

    const off = await runCli(['notify', 'test'], {
      ...env,
      SIS_SYNC_NOTIFY_SMTP_URL: '',
      SIS_SYNC_NOTIFY_ERRORS: '',
      SIS_SYNC_NOTIFY_MISSING_USERS: '',
      SIS_SYNC_NOTIFY_CHANGES: '',
    });
    expect(off.code).toBe(2);
    expect(off.stderr).toContain('Mail is not configured: notify.smtpUrl is empty');
  });
});

describe('sis-sync once with digests', () => {
  it('emails the digest after the run', async () => {
    const { env, smtp } = await setup();
    const result = await runCli(['once'], env);
    expect(result.code).toBe(0);
    expect(smtp.to('registrar@district.test')[0]?.text).toMatch(/New since the last report \(1\)[\s\S]*new-kid/);
    expect(smtp.to('it@district.test')[0]?.subject).toBe('Springfield USD: sis-sync run 1 done — 1 dashboard changed (+3, -0)');
    expect(result.stderr).toContain('"event":"notify.sent"');
    noSecrets(result.stdout, result.stderr, ...smtp.messages.map((m) => m.raw));
  });

  it('still exits 0 when mail is down; the log and status say mail is failing, and the next run delivers', async () => {
    const port = await closedPort();
    const { env } = await setup({ smtpPort: port });
    const result = await runCli(['once'], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('"event":"notify.failing"');
    expect(result.stderr).toContain('Mail is failing; digests wait in the outbox for the next run');

    const status = await runCli(['status'], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/Mail: FAILING\. 2 digests wait in the outbox since .*Cannot reach the mail server 127\.0\.0\.1:\d+/);

    const revived = await startTestSmtp({ tls: 'starttls', auth: { user: 'sis', pass: PASSWORD }, port });
    try {
      const next = await runCli(['once'], env);
      expect(next.code).toBe(0);
      expect(revived.messages.map((m) => m.rcptTo[0]).sort()).toEqual(['it@district.test', 'registrar@district.test']);
      expect((await runCli(['status'], env)).stdout).toMatch(/Mail: working; last digest sent/);
      noSecrets(result.stderr, status.stdout, next.stderr);
    } finally {
      await revived.close();
    }
  });
});

describe('sis-sync check with mail', () => {
  it('tries the mail server and reports it', async () => {
    const { env, smtp } = await setup();
    const result = await runCli(['check'], env);
    expect(result.stdout).toMatch(
      /^ok {4}Mail server \(SMTP\): connected to 127\.0\.0\.1:\d+ over STARTTLS \(required\) as sis; login accepted$/m,
    );
    expect(result.code).toBe(0);
    expect(smtp.messages).toEqual([]);
  });

  it('config check refuses recipients without a mail server, naming the key', async () => {
    const { env } = await setup();
    const result = await runCli(['config', 'check'], { ...env, SIS_SYNC_NOTIFY_SMTP_URL: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('notify.errors lists recipients, but notify.smtpUrl is empty');
  });
});
