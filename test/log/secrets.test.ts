import { afterEach, describe, expect, it } from 'vitest';
import { clearSecrets, registerSecret, scrubSecrets } from '../../src/log/secrets.js';
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
});
