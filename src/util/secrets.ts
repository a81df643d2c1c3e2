// Every secret the process learns (tokens, client secrets, passwords) is registered here, and
// every text that leaves the process (log lines, the CLI's output and errors, digests) or reaches
// the state store is scrubbed of them. `redact` paths in pino catch secrets by key; this catches
// them anywhere in a string, such as an error text in which a server echoed the token.

const MIN_SECRET_LENGTH = 4;
const REPLACEMENT = '[redacted]';
const secrets = new Set<string>();
/**
 * Secrets of a known shape but too many to list one by one (approval link tokens). They are
 * scrubbed from log lines only: a digest email is where such a link is meant to go.
 */
const logPatterns: RegExp[] = [];

export function registerSecret(value: string | undefined | null): void {
  if (typeof value !== 'string') return;
  const trimmed = value.trim();
  if (trimmed.length < MIN_SECRET_LENGTH) return;
  secrets.add(trimmed);
  // A secret also travels base64-encoded inside HTTP Basic credentials.
  secrets.add(Buffer.from(trimmed).toString('base64'));
}

/** Scrubs every match of `pattern` (which must have the g flag) from log lines. */
export function registerLogSecretPattern(pattern: RegExp): void {
  if (!logPatterns.some((p) => p.source === pattern.source)) logPatterns.push(pattern);
}

/** For the logger: registered secrets, and secrets of a registered shape. */
export function scrubLogLine(text: string): string {
  let out = scrubSecrets(text);
  for (const pattern of logPatterns) out = out.replace(pattern, REPLACEMENT);
  return out;
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
