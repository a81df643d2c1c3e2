import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogFormat } from './log-format.js';
import { scrubLogLine } from '../util/secrets.js';
import { errorSerializerFor } from './terminal-errors.js';
import { terminalLines } from './terminal-lines.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level?: string;
  /** Human-readable output; by default only when stderr is a terminal. Ignored when `format` is given. */
  pretty?: boolean;
  /** json: every event as a JSON line; pretty: every event, for a person; quiet: warnings and errors the report does not say, as short lines. */
  format?: LogFormat;
  /** Called before a quiet line is written (clears a progress line). */
  beforeTerminalLine?: () => void;
  /** Where lines go; stderr by default, so that stdout stays for command output. */
  destination?: NodeJS.WritableStream;
}

// Secret-bearing keys wherever they appear in a log object.
const REDACT_PATHS = [
  'token',
  'password',
  'secret',
  'clientSecret',
  'accessToken',
  'authorization',
  'headers.authorization',
  'headers.Authorization',
  '*.token',
  '*.password',
  '*.secret',
  '*.clientSecret',
  '*.accessToken',
  '*.authorization',
];

export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? process.stderr;
  const format = options.format ?? ((options.pretty ?? Boolean((destination as NodeJS.WriteStream).isTTY)) ? 'pretty' : 'json');
  const sink =
    format === 'pretty'
      ? prettyStream(destination)
      : format === 'quiet'
        ? terminalLines(destination, options.beforeTerminalLine)
        : destination;
  return pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      hooks: { streamWrite: scrubLogLine },
      // A person reads pretty and quiet lines: no stack for an error sis-sync expected.
      serializers: { err: errorSerializerFor(format !== 'json') },
    },
    sink,
  );
}

function prettyStream(destination: NodeJS.WritableStream): Writable {
  return pretty({
    sync: true,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
    messageKey: 'msg',
    destination: destination as unknown as Writable,
  });
}

/** A logger that drops everything; for pure units and commands that must stay quiet. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
