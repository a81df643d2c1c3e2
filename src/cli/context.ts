import { loadConfig, type LoadedConfig } from '../config/load.js';
import type { Settings } from '../config/settings.js';
import { createLogger, type Logger } from '../log/logger.js';
import { scrubSecrets } from '../log/secrets.js';

// What every command starts from: the validated configuration and a logger.

export interface GlobalOptions {
  config?: string;
  logLevel?: string;
  /** The environment to read SIS_SYNC_* from; the process's by default. */
  env?: NodeJS.ProcessEnv;
}

export interface CommandContext {
  loaded: LoadedConfig;
  settings: Settings;
  log: Logger;
  /** Where command output goes (stdout), scrubbed of known secrets; logs go to stderr. */
  out: (text: string) => void;
}

export function createContext(
  options: GlobalOptions,
  write: (text: string) => void = (text) => process.stdout.write(`${text}\n`),
): CommandContext {
  const loaded = loadConfig({ file: options.config, ...(options.env ? { env: options.env } : {}) });
  const log = createLogger({ level: options.logLevel ?? loaded.settings.log.level });
  for (const warning of loaded.warnings) log.warn({ event: 'config.warning', warning }, 'Configuration warning');
  // Every command's output passes here: a report or an upload's detail may quote what a server
  // said, and a server may echo the token it was sent.
  const out = (text: string) => write(scrubSecrets(text));
  return { loaded, settings: loaded.settings, log, out };
}
