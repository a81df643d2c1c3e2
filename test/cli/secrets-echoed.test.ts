import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AspirEduSim } from '../../src/sim/aspiredu/server.js';
import { cliSetup } from '../helpers/cli-setup.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { startTestSmtp, TEST_CERT_FILE, type TestSmtp } from '../helpers/smtp.js';
import { writeFile } from '../helpers/temp.js';

// AspirEDU's error texts may echo the Authorization header they received. Logs and digests
// were scrubbed of the token, but `once`'s report, `status --json`, `upload <id> --json` and the
// runs and uploads tables kept it verbatim. Every exit is checked here, the state file by its bytes.

const TOKEN = 'tok-ECHOED-5c2e9d7741';
const PASSWORD = 'smtp-ECHOED-81fa0c33';
let sim: AspirEduSim | undefined;
let smtp: TestSmtp | undefined;

afterEach(async () => {
  await smtp?.close();
});

async function setup() {
  smtp = await startTestSmtp({ tls: 'starttls', auth: { user: 'sis', pass: PASSWORD } });
  const setup = await cliSetup({
    sim: { token: TOKEN, students: [{ sisId: 's1' }, { sisId: 's2' }] },
    students: [['A', 's1']],
    config: {
      notify: {
        smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
        smtpUser: 'sis',
        smtpCaFile: TEST_CERT_FILE,
        smtpTimeoutSeconds: 5,
        from: 'sis-sync@district.test',
        errors: ['it@district.test'],
      },
    },
  });
  sim = setup.sim;
  const passwordFile = writeFile(setup.dir, 'smtp-password', `${PASSWORD}\n`);
  return { dir: setup.dir, env: { ...setup.env, SIS_SYNC_NOTIFY_SMTP_PASSWORD_FILE: passwordFile }, writeStudents: setup.writeStudents };
}

describe('a token echoed in AspirEDU error texts', () => {
  it('reaches no report, JSON output, state table, log line or digest', async () => {
    const { dir, env, writeStudents } = await setup();
    const outputs: CliResult[] = [];
    expect((await runCli(['once'], env)).code).toBe(0);

    // An upload that ends in "error" with a message quoting the header it was sent with.
    writeStudents([
      ['A', 's1'],
      ['A', 's2'],
    ]);
    sim!.failNextUploads(2, `Account check failed for Authorization: Bearer ${TOKEN}`);
    const report = await runCli(['--log-level', 'trace', 'once'], env);
    outputs.push(report);
    expect(report.code).toBe(1);
    expect(report.stdout).toContain('ended in error: Account check failed for Authorization: Bearer [redacted]');
    const reportJson = await runCli(['once', '--json'], env);
    outputs.push(reportJson);
    expect(reportJson.stdout).toContain('Bearer [redacted]');

    // A POST refused with an error body that echoes the header (the simulator's fault).
    sim!.faults.echoAuthorizationNext(1, 400, { method: 'POST' });
    const refused = await runCli(['--log-level', 'trace', 'once'], env);
    outputs.push(refused);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('received Authorization: Bearer [redacted]');

    const status = await runCli(['status', '--json'], env);
    outputs.push(status);
    const runs = (JSON.parse(status.stdout) as { runs: Array<{ error: string | null }> }).runs;
    expect(runs.map((r) => r.error).join('\n')).toContain('Bearer [redacted]');

    const failed = sim!.model.uploads.find((u) => u.status === 'error');
    const detail = await runCli(['upload', failed!.id, '--json'], env);
    outputs.push(detail);
    expect(detail.code).toBe(0);
    expect(detail.stdout).toContain('Bearer [redacted]');

    for (const output of outputs) {
      expect(output.stdout + output.stderr).not.toContain(TOKEN);
      expect(output.stdout + output.stderr).not.toContain(PASSWORD);
    }
    const mails = smtp!.to('it@district.test');
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) expect(mail.raw).not.toContain(TOKEN);

    // The state store, byte for byte: the runs and uploads tables (and everything else).
    const stateDir = join(dir, 'state');
    for (const name of readdirSync(stateDir)) {
      expect(readFileSync(join(stateDir, name)).includes(Buffer.from(TOKEN)), name).toBe(false);
    }
    const db = readFileSync(join(stateDir, 'sis-sync.db'));
    expect(db.includes(Buffer.from('Authorization: Bearer [redacted]'))).toBe(true);
  });
});
