import convict from 'convict';
import { parseUrlSetting } from './url.js';
import { withoutValueEcho } from './value-echo.js';

// Formats of the notify.* settings: addresses and the SMTP URL.
// Each throws with a sentence that completes "<key>: ...".

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
    const url = parseUrlSetting(value, {
      schemes: ['smtp', 'smtps'],
      example,
      credentialsHint: 'set notify.smtpUser and notify.smtpPassword (a secret) instead',
    });
    if (url.pathname !== '' && url.pathname !== '/')
      throw withoutValueEcho(new Error(`must be only a scheme, host and port, e.g. ${example}`));
  },
});
