import { loadConfig, type LoadedConfig } from '../config/load.js';
import type { Settings } from '../config/settings.js';
import { resolveLogFormat, type LogFormat } from '../log/log-format.js';
import { createLogger, type Logger } from '../log/logger.js';
import { scrubSecrets } from '../util/secrets.js';
import { TerminalProgress } from '../terminal/progress-line.js';
import { StatusLine } from '../terminal/status-line.js';
import { noProgress, type ProgressReporter } from '../util/progress.js';

// What every command starts from: the validated configuration, a logger, and, on a terminal,
// a progress line.

export interface GlobalOptions {
  config?: string;
  logLevel?: string;
  /** `--log-format`: json, pretty or quiet; see resolveLogFormat. */
  logFormat?: string;
  /** `--verbose`: every log event on the terminal. */
  verbose?: boolean;
  /** The environment to read SIS_SYNC_* from; the process's by default. */
  env?: NodeJS.ProcessEnv;
}

export interface CommandContext {
  loaded: LoadedConfig;
  settings: Settings;
  log: Logger;
  /** How logs are written; `quiet` means a person is watching a terminal. JSON when not given. */
  logFormat?: LogFormat;
  /** Pages read and uploads waited for, shown on a terminal only. */
  progress?: ProgressReporter;
  /** Where command output goes (stdout), scrubbed of known secrets; logs go to stderr. */
  out: (text: string) => void;
}

export function createContext(
  options: GlobalOptions,
  write: (text: string) => void = (text) => process.stdout.write(`${text}\n`),
): CommandContext {
  const env = options.env ?? process.env;
  const logFormat = resolveLogFormat({
    option: options.logFormat,
    verbose: options.verbose,
    env: env.SIS_SYNC_LOG_FORMAT,
    isTTY: process.stderr.isTTY === true,
  });
  const loaded = loadConfig({ file: options.config, env });
  const status = new StatusLine(process.stderr);
  const log = createLogger({
    level: options.logLevel ?? loaded.settings.log.level,
    format: logFormat,
    beforeTerminalLine: () => status.clear(),
  });
  for (const warning of loaded.warnings) log.warn({ event: 'config.warning', warning }, 'Configuration warning');
  const progress = logFormat === 'quiet' ? new TerminalProgress(status) : noProgress;
  // Every command's output passes here: a report or an upload's detail may quote what a server
  // said, and a server may echo the token it was sent.
  const out = (text: string) => {
    status.clear();
    write(scrubSecrets(text));
  };
  return { loaded, settings: loaded.settings, log, logFormat, progress, out };
}
