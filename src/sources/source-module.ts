import type { Settings } from '../config/settings.js';
import type { MembershipSource } from '../desired/ports.js';
import type { Logger } from '../log/logger.js';
import type { ProgressReporter } from '../util/progress.js';

// What a source is to the rest of sis-sync: a type, how it is built, and its checks. Each one
// exports a SourceModule from its folder; registry.ts lists them. A Check is one thing
// `sis-sync check` tries, without changing anything: it resolves to what it saw, or throws the
// error a person needs to read; app/checks.ts adds those of AspirEDU, the mapping, the state
// store and the mail server.

export interface Check {
  name: string;
  run(signal?: AbortSignal): Promise<string>;
  /** The check that must pass first (the connection a query needs); when it fails, this one is not tried. */
  needs?: string;
}

export type CheckProvider = (settings: Settings, log: Logger) => Check[];

export type SourceType = Settings['source']['type'];

export interface SourceModule {
  type: SourceType;
  /** Builds the source from the settings; throws ConfigError when they are incomplete. `progress` is shown on a terminal. */
  create(settings: Settings, log: Logger, progress: ProgressReporter): MembershipSource;
  checks: CheckProvider;
}
