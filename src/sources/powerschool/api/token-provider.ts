import { z } from 'zod';
import { ApiError, SourceError } from '../../../errors.js';
import type { HttpService } from '../../../http/http-service.js';
import type { Logger } from '../../../log/logger.js';
import { registerSecret } from '../../../util/secrets.js';
import type { Clock } from '../../../util/clock.js';
import type { CachedToken, TokenCache } from './token-cache.js';

// OAuth client credentials, as PowerSchool does them: POST /oauth/access_token with HTTP Basic
// client_id:client_secret and grant_type=client_credentials. `expires_in` comes back as a string
// of seconds (about 30 days). One token request at a time, however many requests need one.

const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.union([z.string(), z.number()]).optional(),
});

/** Used when PowerSchool does not say how long a token lives. */
const DEFAULT_LIFETIME_MS = 24 * 3600_000;
const MAX_RENEW_MARGIN_MS = 10 * 60_000;

export const CREDENTIALS_HINT =
  'Copy powerschool.clientId and powerschool.clientSecret again from PowerSchool (System > System Settings > Plugin Management Dashboard > sis-sync for AspirEDU > Data Provider Configuration) and check that the plugin is enabled; re-installing a plugin gives it new credentials.';

export class TokenProvider {
  private pending: Promise<string> | undefined;
  /** One early renewal attempt per provider (per read); the next read tries again. */
  private renewalTried = false;

  constructor(
    private readonly options: {
      http: HttpService;
      clientId: string;
      clientSecret: string;
      cache: TokenCache;
      clock: Clock;
      log: Logger;
      /** Ask for a new token this long before the cached one expires (powerschool.tokenRenewDays). */
      renewBeforeMs: number;
    },
  ) {
    registerSecret(options.clientSecret);
    registerSecret(`${options.clientId}:${options.clientSecret}`);
  }

  /**
   * A token that is not about to expire: the cached one, or a new one. Within
   * `renewBeforeMs` of expiry a new one is asked for; if PowerSchool refuses, the cached token
   * is used while it lasts and the failure is kept for the credential warnings of the run.
   */
  async get(): Promise<string> {
    const { cache, clock, log, renewBeforeMs } = this.options;
    const cached = cache.load();
    if (!cached || !this.usable(cached)) return this.fetchOnce(cached ? 'expired' : 'none cached');
    if (clock.now() < cached.expiresAt - renewBeforeMs || this.renewalTried) return cached.accessToken;
    this.renewalTried = true;
    try {
      return await this.fetchOnce('expiring');
    } catch (error) {
      cache.renewalFailure = { expiresAt: cached.expiresAt, reason: (error as Error).message };
      log.warn(
        {
          event: 'powerschool.token.renewal_failed',
          expiresAt: new Date(cached.expiresAt).toISOString(),
          reason: (error as Error).message,
        },
        'PowerSchool refused a new token; using the current one while it lasts',
      );
      return cached.accessToken;
    }
  }

  /** Called after a 401: replaces `stale`, unless another request already did. */
  async renew(stale: string): Promise<string> {
    this.options.cache.forget(stale);
    const cached = this.options.cache.load();
    if (cached && cached.accessToken !== stale && this.usable(cached)) return cached.accessToken;
    return this.fetchOnce('refused');
  }

  private usable(token: CachedToken): boolean {
    const margin = Math.min(MAX_RENEW_MARGIN_MS, (token.expiresAt - token.issuedAt) / 2);
    return this.options.clock.now() < token.expiresAt - margin;
  }

  private fetchOnce(reason: 'none cached' | 'expired' | 'expiring' | 'refused'): Promise<string> {
    this.pending ??= this.fetchToken(reason).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetchToken(reason: string): Promise<string> {
    const { http, clientId, clientSecret, cache, clock, log } = this.options;
    let body: unknown;
    try {
      const response = await http.request({
        method: 'POST',
        path: 'oauth/access_token',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
        },
        body: 'grant_type=client_credentials',
        // Asking twice for a token does no harm.
        idempotent: true,
      });
      body = response.json;
    } catch (error) {
      if (error instanceof ApiError && error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 429) {
        throw new SourceError(`PowerSchool refused the plugin's client ID and secret (HTTP ${error.status} from /oauth/access_token)`, {
          code: 'POWERSCHOOL_CREDENTIALS',
          hint: CREDENTIALS_HINT,
          cause: error,
        });
      }
      throw error;
    }
    const parsed = tokenResponse.safeParse(body);
    if (!parsed.success) {
      throw new SourceError('PowerSchool answered the token request without an access_token', {
        code: 'POWERSCHOOL_BAD_RESPONSE',
        hint: 'Check that powerschool.url is the address of the PowerSchool server itself, not a portal or proxy page.',
      });
    }
    const token = parsed.data.access_token;
    registerSecret(token);
    const seconds = Number(parsed.data.expires_in);
    const issuedAt = clock.now();
    const lifetime = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_LIFETIME_MS;
    cache.save({ accessToken: token, issuedAt, expiresAt: issuedAt + lifetime });
    log.info({ event: 'powerschool.token.issued', reason, expiresInDays: Math.round(lifetime / 86_400_000) }, 'New PowerSchool token');
    return token;
  }
}
