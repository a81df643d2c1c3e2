import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOKEN_FILE } from '../../../config/state-files.js';
import type { Logger } from '../../../log/logger.js';
import { registerSecret } from '../../../util/secrets.js';
import { modeText, readableBeyondOwner, writableBeyondOwner } from '../../../util/file-mode.js';

// Where the PowerSchool token is kept between runs, so that a restart does not ask for a new
// one (seed 004 keeps it in a credential file): `powerschool-token.json` in the state directory,
// mode 0600, written atomically. It names the server and a hash of the client ID, so that a
// token is never sent to another server or used after the plugin's credentials change.
// Without a state directory (a `plan` that has never run) the token stays in memory only.

export interface CachedToken {
  accessToken: string;
  /** Epoch milliseconds. */
  issuedAt: number;
  expiresAt: number;
}

interface TokenFile extends CachedToken {
  server: string;
  client: string;
}

/** A renewal ahead of expiry that PowerSchool refused: the cached token still works until `expiresAt`. */
export interface RenewalFailure {
  expiresAt: number;
  reason: string;
}

export class TokenCache {
  private memory: CachedToken | undefined;
  /** Kept in memory for the life of the process; cleared by the next token saved. */
  renewalFailure: RenewalFailure | undefined;
  private readonly identity: { server: string; client: string };

  constructor(private readonly options: { server: string; clientId: string; stateDir?: string | undefined; log: Logger }) {
    this.identity = { server: options.server, client: createHash('sha256').update(options.clientId).digest('hex').slice(0, 16) };
  }

  get file(): string | undefined {
    return this.options.stateDir ? join(this.options.stateDir, TOKEN_FILE) : undefined;
  }

  load(): CachedToken | undefined {
    if (this.memory) return this.memory;
    const file = this.file;
    if (!file || !existsSync(file)) return undefined;
    try {
      const mode = statSync(file).mode & 0o777;
      if (readableBeyondOwner(mode) || writableBeyondOwner(mode)) {
        chmodSync(file, 0o600);
        this.options.log.warn(
          { event: 'powerschool.token.file_mode', file, mode: modeText(mode) },
          'Token file was readable by others; set to mode 600',
        );
      }
      const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<TokenFile>;
      if (saved.server !== this.identity.server || saved.client !== this.identity.client) return undefined;
      if (typeof saved.accessToken !== 'string' || typeof saved.expiresAt !== 'number' || typeof saved.issuedAt !== 'number')
        return undefined;
      registerSecret(saved.accessToken);
      this.memory = { accessToken: saved.accessToken, issuedAt: saved.issuedAt, expiresAt: saved.expiresAt };
      return this.memory;
    } catch (error) {
      this.options.log.warn(
        { event: 'powerschool.token.file_unreadable', file, reason: (error as Error).message },
        'Ignoring an unreadable token file',
      );
      return undefined;
    }
  }

  save(token: CachedToken): void {
    this.memory = token;
    this.renewalFailure = undefined;
    const file = this.file;
    if (!file || !existsSync(this.options.stateDir as string)) return;
    const tmp = `${file}.${process.pid}.tmp`;
    const content: TokenFile = { ...this.identity, ...token };
    // Created 0600 from the start: the token is never on disk readable by others, not even briefly.
    writeFileSync(tmp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  }

  /** Forgets a token PowerSchool refused, so that it is not tried again after a restart. */
  forget(accessToken: string): void {
    if (this.memory?.accessToken === accessToken) this.memory = undefined;
  }
}
