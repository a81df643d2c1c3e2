import convict from 'convict';

// Booleans and numbers, from the config file (JSON) or from the environment (text).
// Convict's own readers are too kind for a setting that guards a token or a dashboard: its
// Boolean takes every text but "false" as true (SIS_SYNC_ALLOW_INSECURE_HTTP=0 would allow
// http), and Number()/parseInt() read "0x10" as 16, "" as 0 and "12abc" as 12. Text that is not
// a clear value is left as it is, so that the format's check names the setting and the value.

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/**
 * true/false/1/0/yes/no/on/off in any case, the same from the environment and in the file (a
 * quoted "no" in a file templated by configuration management means no; nothing else is a
 * boolean). Anything else stays text and fails the check.
 */
export function parseFlag(text: string): boolean | string {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return text;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Decimal notation only ("30", "0.5"); anything else stays text and fails the check. */
export function decimalNumber(text: string): number | string {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : text;
}

convict.addFormat({
  name: 'boolean',
  validate(value: unknown) {
    if (typeof value !== 'boolean') throw new Error('must be true or false (also 1/0, yes/no, on/off)');
  },
  coerce: parseFlag,
});

// Convict's own "nat" and "port", with the strict decimal reader.
convict.addFormat({
  name: 'nat',
  validate(value: unknown) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new Error('must be a whole number, 0 or more');
  },
  coerce: decimalNumber,
});

convict.addFormat({
  name: 'port',
  validate(value: unknown) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 65535) {
      throw new Error('must be a port number from 0 to 65535');
    }
  },
  coerce: decimalNumber,
});
