import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// The approve and "not now" forms carry a nonce made for that page and an HMAC of the link token
// with it. A form posted from anywhere but a page this server rendered for this link lacks the
// pair, and the server refuses it: the link alone is not enough to make a decision by POST.

export interface PageCsrf {
  nonce: string;
  csrf: string;
}

export function newPageCsrf(key: Buffer, token: string): PageCsrf {
  const nonce = randomBytes(16).toString('base64url');
  return { nonce, csrf: csrfOf(key, token, nonce) };
}

export function checkPageCsrf(key: Buffer, token: string, nonce: string | undefined, csrf: string | undefined): boolean {
  if (!nonce || !csrf || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) return false;
  const expected = Buffer.from(csrfOf(key, token, nonce), 'base64url');
  const given = Buffer.from(csrf, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function csrfOf(key: Buffer, token: string, nonce: string): string {
  return createHmac('sha256', key).update(`csrf\u0000${token}\u0000${nonce}`).digest('base64url');
}
