// Convict appends ": value was <JSON>" to a format's message. Where that value is long (a list
// of rules) or may hold a secret (a URL with a password), the format drops the echo and its
// message says what it needs to, itself.
export function withoutValueEcho(error: Error): Error {
  Object.defineProperty(error, 'value', { get: () => undefined, set: () => undefined });
  return error;
}
