// Credentials that stop working on a known date, as the rooms exchange them: a source that
// learns an expiry at run time (the PowerSchool client, for its OAuth token) implements
// CredentialExpirySource; app/credential-expiry.ts turns expiries into warnings; the digest
// and the metrics show them.

export interface CredentialExpiry {
  /** What a person renews, e.g. "aspiredu.token" or "PowerSchool OAuth token". */
  credential: string;
  /** Milliseconds since the epoch from which it no longer works. */
  expiresAt: number;
  origin: 'configured' | 'reported';
  /** What to do about it, when the reporter knows better than the generic sentence. */
  hint?: string;
}

/** Implemented by a part that knows when its credential expires (e.g. the PowerSchool client). */
export interface CredentialExpirySource {
  credentialExpiries(): readonly CredentialExpiry[];
}

export function isCredentialExpirySource(value: unknown): value is CredentialExpirySource {
  return typeof (value as Partial<CredentialExpirySource> | null)?.credentialExpiries === 'function';
}

export interface CredentialWarning extends CredentialExpiry {
  /** Whole days left, 0 on the last day; negative once expired. */
  daysLeft: number;
  expired: boolean;
  /** One sentence for a person, as the log and the digest show it. */
  message: string;
}
