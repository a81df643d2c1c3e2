import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../src/log/logger.js';

// A logger whose lines the benchmark reads back: the reader says in its log how many rows and
// pages each query had, which is what the extraction figure reports.

export interface CapturedEvents {
  log: Logger;
  /** Parsed lines with this `event`, oldest first; `clear` forgets those read so far. */
  events(name: string): Array<Record<string, unknown>>;
  clear(): void;
}

export function captureEvents(level = 'info'): CapturedEvents {
  let lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return {
    log: createLogger({ level, destination, pretty: false }),
    events: (name) => lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.event === name),
    clear: () => {
      lines = [];
    },
  };
}
