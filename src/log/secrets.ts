// Every secret the process learns (tokens, client secrets, passwords) is registered here, and
// every text that leaves the process (log lines, the CLI's output and errors, digests) or reaches
// the state store is scrubbed of them. `redact` paths in pino catch secrets by key; this catches
// them anywhere in a string, such as an error text in which a server echoed the token.

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

/** The same for a parsed JSON value: every string in it, keys left alone. */
export function scrubSecretsDeep<T>(value: T): T {
  if (typeof value === 'string') return scrubSecrets(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => scrubSecretsDeep(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubSecretsDeep(item)])) as T;
  }
  return value;
}

/** For tests: forget every registered secret. */
export function clearSecrets(): void {
  secrets.clear();
}
