import { describe, expect, it } from 'vitest';
import { configuredExpiries, credentialWarnings } from '../../src/app/credential-expiry.js';
import { isCredentialExpirySource, type CredentialExpirySource } from '../../src/desired/credentials.js';

const NOW = Date.parse('2027-06-20T12:00:00Z');

describe('credential expiry warnings', () => {
  const configured = configuredExpiries({
    credentials: { expires: ['aspiredu.token=2027-06-30', 'other.secret=2028-01-01'], warnDays: 14 },
  });

  it('warns inside warnDays with days left and what to do, not before', () => {
    const warnings = credentialWarnings(configured, NOW, 14);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ credential: 'aspiredu.token', daysLeft: 9, expired: false, origin: 'configured' });
    expect(warnings[0]?.message).toBe(
      'aspiredu.token expires in 9 days (2027-06-30). Renew it, then update its date in credentials.expires.',
    );
    expect(credentialWarnings(configured, NOW, 5)).toEqual([]);
  });

  it('says when a credential expires today or has expired', () => {
    expect(credentialWarnings(configured, Date.parse('2027-06-29T23:00:00Z'), 14)[0]?.message).toContain('expires today (2027-06-30)');
    const expired = credentialWarnings(configured, Date.parse('2027-07-02T00:00:00Z'), 14)[0];
    expect(expired).toMatchObject({ expired: true });
    expect(expired?.message).toContain('expired on 2027-06-30');
  });

  it('takes expiries reported at run time (an OAuth token) with their own hint', () => {
    const source: CredentialExpirySource = {
      credentialExpiries: () => [
        { credential: 'PowerSchool OAuth token', expiresAt: NOW + 3_600_000, origin: 'reported', hint: 'Ask PowerSchool for a new one.' },
      ],
    };
    expect(isCredentialExpirySource(source)).toBe(true);
    expect(isCredentialExpirySource({})).toBe(false);
    const [warning] = credentialWarnings(source.credentialExpiries(), NOW, 1);
    expect(warning?.message).toBe('PowerSchool OAuth token expires today (2027-06-20). Ask PowerSchool for a new one.');
  });
});
