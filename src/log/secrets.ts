// Every secret the process learns (tokens, client secrets, passwords) is registered here, and
// every line that leaves the process through the logger or the CLI's error output is scrubbed of
// them. `redact` paths in pino catch secrets by key; this catches them anywhere in a string,
// such as inside an error message a library built.

const MIN_SECRET_LENGTH = 4;
const REPLACEMENT = '[redacted]';
const secrets = new Set<string>();

export function registerSecret(value: string | undefined | null): void {
  if (typeof value !== 'string') return;
  const trimmed = value.trim();
  if (trimmed.length < MIN_SECRET_LENGTH) return;
  secrets.add(trimmed);
  // A secret also travels base64-encoded inside HTTP Basic credentials.
  secrets.add(Buffer.from(trimmed).toString('base64'));
}

export function scrubSecrets(text: string): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(REPLACEMENT);
  }
  return out;
}

/** For tests: forget every registered secret. */
export function clearSecrets(): void {
  secrets.clear();
}
