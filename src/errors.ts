// One error family for the whole service. Each class names the boundary that failed;
// `code` is stable (logs and tests match on it), `hint` tells a person what to do next.
// The CLI maps an error to an exit code with `exitCodeFor` and nowhere else.

import type { ErrorCode } from './error-codes.js';
import { scrubSecrets } from './util/secrets.js';

export type ErrorKind = 'config' | 'usage' | 'source' | 'aspiredu' | 'state' | 'notify' | 'held' | 'internal';

export interface ErrorOptions {
  /** Listed, with what it means, in error-codes.ts. */
  code: ErrorCode;
  hint?: string;
  cause?: unknown;
}

export class SisSyncError extends Error {
  readonly kind: ErrorKind = 'internal';
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(message: string, options: ErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.hint = options.hint;
  }
}

/** A setting is missing or wrong. `key` is the configuration path, e.g. `aspiredu.url`. */
export class ConfigError extends SisSyncError {
  override readonly kind = 'config';
  readonly key: string | undefined;
  constructor(message: string, options: ErrorOptions & { key?: string }) {
    super(message, options);
    this.key = options.key;
  }
}

/** A command line that cannot be carried out as written. */
export class UsageError extends SisSyncError {
  override readonly kind = 'usage';
}

/** The source of memberships (files, PowerSchool, Oracle) could not be read in full. */
export class SourceError extends SisSyncError {
  override readonly kind = 'source';
}

/** A request to a remote HTTP service failed or answered something unexpected. */
export class ApiError extends SisSyncError {
  override readonly kind: ErrorKind;
  readonly service: string;
  readonly status: number | undefined;
  /** Retrying the same request may succeed (429, 5xx, network). */
  readonly retryable: boolean;
  /** The request may have reached the server, so a non-idempotent request must not simply be sent again. */
  readonly mayHaveReachedServer: boolean;
  /** Milliseconds the server asked us to wait (`Retry-After`). */
  readonly retryAfterMs: number | undefined;
  /** The parsed error body, when the server sent one. */
  readonly body: unknown;

  constructor(
    message: string,
    options: ErrorOptions & {
      service: string;
      kind: 'aspiredu' | 'source';
      status?: number;
      retryable: boolean;
      mayHaveReachedServer: boolean;
      retryAfterMs?: number;
      body?: unknown;
    },
  ) {
    super(message, options);
    this.kind = options.kind;
    this.service = options.service;
    this.status = options.status;
    this.retryable = options.retryable;
    this.mayHaveReachedServer = options.mayHaveReachedServer;
    this.retryAfterMs = options.retryAfterMs;
    this.body = options.body;
  }
}

/** The SQLite state store could not be opened, migrated or written. */
export class StateError extends SisSyncError {
  override readonly kind = 'state';
}

/** A digest email could not be built or sent. */
export class NotifyError extends SisSyncError {
  override readonly kind = 'notify';
}

/** The safety guard stopped a run before it uploaded anything. */
export class HeldError extends SisSyncError {
  override readonly kind = 'held';
}

/** A run went on past `sync.runTimeoutMinutes` and was stopped. */
export class RunTimeoutError extends SisSyncError {
  readonly limitMinutes: number;
  constructor(limitMinutes: number) {
    super(`The run went on for longer than sync.runTimeoutMinutes (${limitMinutes} minutes) allows and was stopped`, {
      code: 'RUN_TIMEOUT',
      hint: 'The log tells the last step it reached. Uploads still processing in AspirEDU are resumed by the next run; if runs truly need longer, raise sync.runTimeoutMinutes.',
    });
    this.limitMinutes = limitMinutes;
  }
}

/** 4: `sis-sync drift` found drift (for a monitoring check); no other command exits 4. */
export const EXIT = { done: 0, failed: 1, badConfig: 2, held: 3, drift: 4 } as const;

export function exitCodeFor(error: unknown): number {
  if (!(error instanceof SisSyncError)) return EXIT.failed;
  if (error.kind === 'config' || error.kind === 'usage') return EXIT.badConfig;
  if (error.kind === 'held') return EXIT.held;
  return EXIT.failed;
}

/** A one-line description of any thrown value, for logs and the terminal; known secrets scrubbed. */
export function describeError(error: unknown): string {
  return scrubSecrets(rawDescription(error));
}

function rawDescription(error: unknown): string {
  if (error instanceof SisSyncError) return error.hint ? `${error.message}\n  → ${error.hint}` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
