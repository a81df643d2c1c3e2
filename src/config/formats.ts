import convict from 'convict';
import { registerSecret } from '../log/secrets.js';

// Custom convict formats. Each throws with a sentence that completes "<key>: ...".

convict.addFormat({
  name: 'http-url',
  validate(value: unknown) {
    if (value === '') return; // "not set"; commands that need it say so
    if (typeof value !== 'string') throw new Error('must be a URL such as https://example.aspiredu.com');
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new Error('must be a URL such as https://example.aspiredu.com');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('must start with https://');
  },
});

convict.addFormat({
  name: 'positive-number',
  validate(value: unknown) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new Error('must be a number greater than 0');
    }
  },
  coerce: (value: string) => Number(value),
});

convict.addFormat({
  name: 'non-negative-number',
  validate(value: unknown) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new Error('must be a number, 0 or more');
    }
  },
  coerce: (value: string) => Number(value),
});

convict.addFormat({
  name: 'positive-int',
  validate(value: unknown) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new Error('must be a whole number, 1 or more');
    }
  },
  coerce: (value: string) => Number(value),
});

convict.addFormat({
  name: 'placeholder-id',
  validate(value: unknown) {
    if (typeof value !== 'string' || value.trim() === '' || value !== value.trim() || /[",\r\n]/.test(value)) {
      throw new Error('must be a non-empty id without spaces at either end, commas, quotes or line breaks');
    }
  },
});

convict.addFormat({
  name: 'path',
  validate(value: unknown) {
    if (typeof value !== 'string') throw new Error('must be a file system path');
  },
});

// Addresses as a mail server takes them in an envelope: local@domain, no display name.
const EMAIL_ADDRESS = /^[^\s@<>,;"()[\]]+@[^\s@<>,;"()[\]]+$/;

export function isEmailAddress(value: string): boolean {
  return EMAIL_ADDRESS.test(value);
}

convict.addFormat({
  name: 'email-list',
  validate(value: unknown) {
    if (!Array.isArray(value)) throw new Error('must be a list of email addresses, e.g. ["registrar@district.org"]');
    for (const entry of value) {
      if (typeof entry !== 'string' || !isEmailAddress(entry)) {
        throw new Error(`must be a list of email addresses; ${JSON.stringify(entry)} is not one`);
      }
    }
  },
  // From the environment: "a@x.org, b@x.org" (commas or semicolons, as mail programs write them).
  coerce: (value: string) =>
    value
      .split(/[,;]/)
      .map((part) => part.trim())
      .filter(Boolean),
});

convict.addFormat({
  name: 'email-address',
  validate(value: unknown) {
    if (value === '') return; // not set; mail settings are checked together when mail is used
    if (typeof value !== 'string' || !isEmailAddress(value)) throw new Error('must be one email address, e.g. sis-sync@district.org');
  },
});

convict.addFormat({
  name: 'smtp-url',
  validate(value: unknown) {
    if (value === '') return; // mail off
    const example = 'smtp://mail.district.org:587 (STARTTLS) or smtps://mail.district.org:465 (TLS from the start)';
    if (typeof value !== 'string') throw new Error(`must be a URL such as ${example}`);
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new Error(`must be a URL such as ${example}`);
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`must start with smtp:// or smtps://, e.g. ${example}`);
    if (url.hostname === '') throw new Error(`must name the mail server, e.g. ${example}`);
    if (url.username || url.password) {
      // Convict quotes the value after this message; the CLI scrubs registered secrets from it.
      registerSecret(url.password);
      registerSecret(decodeURIComponent(url.password));
      throw new Error('must not hold a user name or password: set notify.smtpUser and notify.smtpPassword (a secret) instead');
    }
    if ((url.pathname !== '' && url.pathname !== '/') || url.search || url.hash) {
      throw new Error(`must be only a scheme, host and port, e.g. ${example}`);
    }
  },
});

convict.addFormat({
  name: 'time-zone',
  validate(value: unknown) {
    if (value === '') return; // the server's own zone
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: String(value) });
    } catch {
      throw new Error("must be an IANA time zone such as America/Chicago, or empty for the server's zone");
    }
  },
});

convict.addFormat({
  name: 'share',
  validate(value: unknown) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
      throw new Error('must be a share between 0 and 1, e.g. 0.1 for 10%');
    }
  },
  coerce: (value: string) => Number(value),
});
