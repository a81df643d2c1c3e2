import { UsageError } from '../errors.js';

// Where log lines go and how they read. A machine (a file, journald, a pipe) gets every event as
// a JSON line; a person at a terminal gets the report plus the warnings and errors the report
// does not already say, one short line each; `--verbose` brings every event to the terminal.

export const LOG_FORMATS = ['json', 'pretty', 'quiet'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LogFormatChoice {
  /** `--log-format`. */
  option?: string | undefined;
  /** `--verbose`: every event, pretty-printed when the format is not chosen otherwise. */
  verbose?: boolean | undefined;
  /** SIS_SYNC_LOG_FORMAT. */
  env?: string | undefined;
  /** Whether standard error is a terminal. */
  isTTY: boolean;
}

/** `--log-format` wins, then SIS_SYNC_LOG_FORMAT, then the terminal test: quiet (or pretty with --verbose) on a terminal, json elsewhere. */
export function resolveLogFormat(choice: LogFormatChoice): LogFormat {
  const chosen = choice.option || choice.env;
  if (chosen) {
    if (isLogFormat(chosen)) return chosen;
    const from = choice.option ? '--log-format' : 'SIS_SYNC_LOG_FORMAT';
    throw new UsageError(`${from} must be one of ${LOG_FORMATS.join(', ')}, got "${chosen}"`, { code: 'USAGE_LOG_FORMAT' });
  }
  if (!choice.isTTY) return 'json';
  return choice.verbose ? 'pretty' : 'quiet';
}

function isLogFormat(value: string): value is LogFormat {
  return (LOG_FORMATS as readonly string[]).includes(value);
}
