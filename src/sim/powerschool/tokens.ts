import { randomUUID } from 'node:crypto';

// OAuth client-credentials tokens as PowerSchool issues them: opaque, about 30 days long by
// default, `expires_in` sent as a string of seconds.

export class SimTokens {
  private readonly expiresAt = new Map<string, number>();
  readonly issued: string[] = [];

  constructor(public lifetimeSeconds: number) {}

  issue(now = Date.now()): { access_token: string; token_type: string; expires_in: string } {
    const token = randomUUID();
    this.expiresAt.set(token, now + this.lifetimeSeconds * 1000);
    this.issued.push(token);
    return { access_token: token, token_type: 'Bearer', expires_in: String(this.lifetimeSeconds) };
  }

  valid(token: string, now = Date.now()): boolean {
    const until = this.expiresAt.get(token);
    return until !== undefined && until > now;
  }

  /** Every token issued so far stops working, as after a plugin is re-enabled or a token ages out. */
  expireAll(): void {
    for (const token of this.expiresAt.keys()) this.expiresAt.set(token, 0);
  }
}
