import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { registerLogSecretPattern } from '../../util/secrets.js';

// The token in an approval link: which held run, which plan (a prefix of its fingerprint), for
// whom, until when, and the link's own id, signed with HMAC-SHA256 under the link key.
//   sl1.<base64url JSON claims>.<base64url signature>
// No JWT library: a JWT verifier reads the algorithm from the token it is checking (the source
// of "alg: none" and key-confusion bugs) and brings a format we do not need. Here there is one
// algorithm, one key and one claim set, and the signature is compared in constant time.

export const TOKEN_PREFIX = 'sl1';
const TOKEN_SHAPE = /^sl1\.([A-Za-z0-9_-]{1,2000})\.([A-Za-z0-9_-]{43})$/;

// A token is a bearer secret: wherever one appears in a log line, it is scrubbed.
registerLogSecretPattern(/sl1\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{20,}/g);

export interface LinkClaims {
  /** The held run. */
  runId: number;
  /** The first 32 hex digits of the held plan's fingerprint. */
  plan: string;
  /** The address the digest was sent to: who decides, as recorded. */
  recipient: string;
  /** Expiry, in milliseconds since the epoch. */
  expiresAt: number;
  /** The link's own id: one decision per link. */
  id: string;
}

export const PLAN_PREFIX_LENGTH = 32;

export function planPrefix(fingerprint: string): string {
  return fingerprint.slice(0, PLAN_PREFIX_LENGTH);
}

export function newLinkId(): string {
  return randomBytes(12).toString('base64url');
}

export function signLinkToken(key: Buffer, claims: LinkClaims): string {
  const body = Buffer.from(
    JSON.stringify({ r: claims.runId, p: claims.plan, to: claims.recipient, exp: Math.floor(claims.expiresAt / 1000), n: claims.id }),
  ).toString('base64url');
  return `${TOKEN_PREFIX}.${body}.${mac(key, body)}`;
}

export type TokenCheck =
  { ok: true; claims: LinkClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired'; claims?: LinkClaims };

export function readLinkToken(key: Buffer, token: string, nowMs: number): TokenCheck {
  const match = TOKEN_SHAPE.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, body, signature] = match as unknown as [string, string, string];
  const expected = Buffer.from(mac(key, body), 'base64url');
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  const claims = claimsOf(body);
  if (!claims) return { ok: false, reason: 'malformed' };
  if (nowMs >= claims.expiresAt) return { ok: false, reason: 'expired', claims };
  return { ok: true, claims };
}

function mac(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(`${TOKEN_PREFIX}.${body}`).digest('base64url');
}

function claimsOf(body: string): LinkClaims | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const c = raw as { r?: unknown; p?: unknown; to?: unknown; exp?: unknown; n?: unknown };
  if (!Number.isInteger(c.r) || typeof c.p !== 'string' || typeof c.to !== 'string' || !Number.isInteger(c.exp) || typeof c.n !== 'string')
    return undefined;
  return { runId: c.r as number, plan: c.p, recipient: c.to, expiresAt: (c.exp as number) * 1000, id: c.n };
}
