import type convict from 'convict';

// Secrets that stop working on a known date (a token issued for a year): the service warns in
// the log, and in the digest, ahead of that date.

export interface CredentialSettings {
  credentials: {
    expires: string[];
    warnDays: number;
  };
}

export const credentialsSchema: convict.Schema<CredentialSettings> = {
  credentials: {
    expires: {
      doc: 'When credentials expire, as "<credential>=YYYY-MM-DD" entries, e.g. ["aspiredu.token=2027-06-30"]; from the environment, separated by commas',
      format: 'expiry-dates',
      default: [],
    },
    warnDays: {
      doc: 'Days before a credential expires from which every run warns about it',
      format: 'positive-int',
      default: 14,
    },
  },
};
