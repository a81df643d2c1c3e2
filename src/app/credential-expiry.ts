import type { Settings } from '../config/settings.js';
import type { Logger } from '../log/logger.js';
import type { CredentialExpiry, CredentialWarning } from '../desired/credentials.js';

// Credentials that stop working on a known date. Two kinds of origin feed the same warnings:
//   configured: `credentials.expires` in the settings (a token issued for a year);
//   reported:   a part of the service that learns an expiry at run time implements
//               CredentialExpirySource (the PowerSchool client, for its OAuth token).
// Every run turns them into warnings once inside `credentials.warnDays`; the log carries them
// (event credential.expiring) and the run-cycle result hands them to the digest. The types are
// in desired/credentials.ts: sources report expiries, the digest shows the warnings.

const DAY_MS = 86_400_000;

/** `credentials.expires`: "name=YYYY-MM-DD" means it stops working at the start of that day (UTC). */
export function configuredExpiries(settings: Pick<Settings, 'credentials'>): CredentialExpiry[] {
  return settings.credentials.expires.map((entry) => {
    const at = entry.lastIndexOf('=');
    return {
      credential: entry.slice(0, at).trim(),
      expiresAt: Date.parse(`${entry.slice(at + 1).trim()}T00:00:00Z`),
      origin: 'configured',
    };
  });
}

export function credentialWarnings(expiries: readonly CredentialExpiry[], nowMs: number, warnDays: number): CredentialWarning[] {
  return expiries
    .filter((e) => e.expiresAt - nowMs <= warnDays * DAY_MS)
    .sort((a, b) => a.expiresAt - b.expiresAt)
    .map((e) => {
      const daysLeft = Math.floor((e.expiresAt - nowMs) / DAY_MS);
      const expired = e.expiresAt <= nowMs;
      const on = new Date(e.expiresAt).toISOString().slice(0, 10);
      const when = expired ? `expired on ${on}` : daysLeft === 0 ? `expires today (${on})` : `expires in ${daysLeft} days (${on})`;
      const hint = e.hint ?? (e.origin === 'configured' ? `Renew it, then update its date in credentials.expires.` : 'Renew it.');
      return { ...e, daysLeft, expired, message: `${e.credential} ${when}. ${hint}` };
    });
}

export function logCredentialWarnings(log: Logger, warnings: readonly CredentialWarning[]): void {
  for (const w of warnings) {
    const fields = {
      event: 'credential.expiring',
      credential: w.credential,
      expiresAt: new Date(w.expiresAt).toISOString(),
      daysLeft: w.daysLeft,
    };
    if (w.expired) log.error(fields, w.message);
    else log.warn(fields, w.message);
  }
}
