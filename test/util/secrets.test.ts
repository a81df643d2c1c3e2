import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ApiError, describeError } from '../../src/errors.js';
import { clearSecrets, registerSecret, scrubSecrets, scrubSecretsDeep } from '../../src/util/secrets.js';
import { storedText } from '../../src/state/stored-text.js';
import { captureLog } from '../helpers/log-capture.js';

afterEach(() => clearSecrets());

describe('secret scrubbing', () => {
  it('removes registered secrets and their base64 form from any text', () => {
    registerSecret('s3cr3t-value');
    const basic = Buffer.from('s3cr3t-value').toString('base64');
    expect(scrubSecrets(`token s3cr3t-value in "Basic ${basic}"`)).toBe('token [redacted] in "Basic [redacted]"');
  });

  it('keeps secrets out of log lines, by key and inside messages', () => {
    registerSecret('tok-in-a-message');
    const captured = captureLog();
    captured.log.info(
      { token: 'a-token-by-key', headers: { authorization: 'Bearer xyz' }, err: new Error('failed with tok-in-a-message') },
      'call',
    );
    const text = captured.text();
    expect(text).not.toContain('a-token-by-key');
    expect(text).not.toContain('Bearer xyz');
    expect(text).not.toContain('tok-in-a-message');
    expect(text).toContain('[redacted]');
  });

  it('scrubs every configured secret from error texts and from what the state store keeps', () => {
    const secrets = {
      SIS_SYNC_ASPIREDU_TOKEN: 'aspiredu-tok-1f2e',
      SIS_SYNC_POWERSCHOOL_CLIENT_SECRET: 'ps-secret-9a8b',
      SIS_SYNC_ORACLE_PASSWORD: 'oracle-pw-7c6d',
      SIS_SYNC_NOTIFY_SMTP_PASSWORD: 'smtp-pw-5e4f',
    };
    loadConfig({ env: secrets });
    registerSecret('ps-access-token-3a2b'); // what the PowerSchool token provider registers on each new token
    const all = [...Object.values(secrets), 'ps-access-token-3a2b'];
    const said = `server said: ${all.join(' / ')}`;
    const error = new ApiError(said, {
      service: 'AspirEDU',
      kind: 'aspiredu',
      code: 'API_BAD_RESPONSE',
      retryable: false,
      mayHaveReachedServer: true,
      hint: said,
    });
    for (const text of [describeError(error), storedText(said), JSON.stringify(scrubSecretsDeep({ detail: [said] }))]) {
      for (const secret of all) expect(text).not.toContain(secret);
      expect(text).toContain('[redacted] / [redacted]');
    }
  });
});
