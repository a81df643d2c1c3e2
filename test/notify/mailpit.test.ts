import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { composeDigest } from '../../src/notify/compose/compose-digest.js';
import { mailSettingsFrom } from '../../src/notify/mail-settings.js';
import { createSmtpMailer } from '../../src/notify/mailer.js';
import { noDockerReason } from '../helpers/docker.js';
import { TEST_CERT_FILE } from '../helpers/smtp.js';
import { AT, baseDigest, heldRun } from './fixtures.js';

// Against Mailpit, a mail server built for testing, in a container (testcontainers): STARTTLS
// required, login required, and the digest read back through Mailpit's API. Where no Docker
// engine answers, the test skips itself and says why.

const MAILPIT_IMAGE = 'axllent/mailpit:v1.29';
const TEST_KEY_FILE = new URL('../fixtures/tls/smtp-test-key.pem', import.meta.url).pathname;

interface MailpitSummary {
  ID: string;
  Subject: string;
  To: Array<{ Address: string }>;
}

describe('digest delivery to Mailpit', () => {
  it('arrives over STARTTLS with login, with a text and an HTML part', { timeout: 180_000 }, async (ctx) => {
    const reason = await noDockerReason();
    if (reason) ctx.skip(`Skipped: ${reason}. Runs wherever Docker is available.`);

    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer(MAILPIT_IMAGE)
      .withCopyFilesToContainer([
        { source: TEST_CERT_FILE, target: '/certs/cert.pem' },
        { source: TEST_KEY_FILE, target: '/certs/key.pem' },
      ])
      .withEnvironment({
        MP_SMTP_TLS_CERT: '/certs/cert.pem',
        MP_SMTP_TLS_KEY: '/certs/key.pem',
        MP_SMTP_REQUIRE_STARTTLS: 'true',
        MP_SMTP_AUTH: 'sis:Pa55-mailpit-1',
      })
      .withExposedPorts(1025, 8025)
      .withWaitStrategy(Wait.forHttp('/readyz', 8025))
      .start();
    try {
      const host = container.getHost() === 'localhost' ? '127.0.0.1' : container.getHost();
      const settings = loadConfig({
        env: {
          SIS_SYNC_NOTIFY_SMTP_URL: `smtp://${host}:${container.getMappedPort(1025)}`,
          SIS_SYNC_NOTIFY_SMTP_USER: 'sis',
          SIS_SYNC_NOTIFY_SMTP_PASSWORD: 'Pa55-mailpit-1',
          SIS_SYNC_NOTIFY_SMTP_CA_FILE: TEST_CERT_FILE,
          SIS_SYNC_NOTIFY_FROM: 'sis-sync@district.test',
          SIS_SYNC_NOTIFY_HELD: 'principal@district.test',
        },
      }).settings;
      const mail = mailSettingsFrom(settings);
      if (!mail) throw new Error('mail not configured');
      const email = composeDigest(baseDigest({ outcome: 'held', held: { run: heldRun(), since: AT, runs: 1, lifted: false } }), ['held'], {
        timeZone: 'UTC',
        host: 'sync01',
      });
      const mailer = createSmtpMailer(mail.smtp);
      try {
        await mailer.send({ from: mail.from, to: mail.recipients.held, ...email });
      } finally {
        mailer.close();
      }

      const api = `http://${host}:${container.getMappedPort(8025)}/api/v1`;
      const list = (await (await fetch(`${api}/messages`)).json()) as { messages: MailpitSummary[] };
      expect(list.messages.map((m) => [m.Subject, m.To.map((t) => t.Address)])).toEqual([[email.subject, ['principal@district.test']]]);
      const message = (await (await fetch(`${api}/message/${list.messages[0]?.ID}`)).json()) as { Text: string; HTML: string };
      expect(message.Text).toContain('sis-sync approve 42');
      expect(message.HTML).toContain('sis-sync approve 42</span>');
    } finally {
      await container.stop();
    }
  });
});
