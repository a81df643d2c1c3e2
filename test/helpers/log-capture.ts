import { createLogger, type Logger } from '../../src/log/logger.js';

export interface CapturedLog {
  log: Logger;
  /** Every line written, as text (what would reach a terminal or a log file). */
  text(): string;
  /** Every line, parsed. */
  entries(): Array<Record<string, unknown>>;
  events(): string[];
}

/** A real pino logger whose output is kept in memory (pino's `sink()` habit). */
export function captureLog(level = 'debug'): CapturedLog {
  const lines: string[] = [];
  const destination = { write: (chunk: string) => (lines.push(chunk), true) } as unknown as NodeJS.WritableStream;
  const log = createLogger({ level, pretty: false, destination });
  const entries = () =>
    lines
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { log, text: () => lines.join(''), entries, events: () => entries().map((e) => String(e.event ?? '')) };
}
