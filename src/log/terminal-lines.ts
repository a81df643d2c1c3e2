// The log as a person at a terminal reads it while a command runs (the "quiet" format): a short
// line for each warning or error, and nothing for info and debug events, nor for the warnings
// the command's own report prints anyway (said twice, they would be read as two problems).

/** Events whose content the run report, the command's output or its error message already shows. */
export const REPORTED_EVENTS: ReadonlySet<string> = new Set([
  'source.warning',
  'run.held',
  'run.finished',
  'run.failed',
  'run.interrupted',
  'upload.finished',
  'guard.overridden',
  'guard.approved',
]);

const LEVEL_WARN = 40;

/** A pino destination that writes warnings and errors as "warning: …" / "error: …" lines. */
export function terminalLines(stream: NodeJS.WritableStream, beforeWrite: () => void = () => undefined): NodeJS.WritableStream {
  const write = (chunk: string): boolean => {
    for (const line of chunk.split('\n')) {
      const text = line ? shortLine(line) : undefined;
      if (!text) continue;
      beforeWrite();
      stream.write(`${text}\n`);
    }
    return true;
  };
  return { write } as unknown as NodeJS.WritableStream;
}

/** The short form of one JSON log line, or undefined when it is not for a person at a terminal. */
export function shortLine(json: string): string | undefined {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const level = levelNumber(entry.level);
  if (level < LEVEL_WARN || REPORTED_EVENTS.has(String(entry.event ?? ''))) return undefined;
  const label = level === LEVEL_WARN ? 'warning' : 'error';
  const detail = detailOf(entry);
  return `${label}: ${String(entry.msg ?? entry.event ?? '')}${detail ? `: ${detail}` : ''}`;
}

function detailOf(entry: Record<string, unknown>): string | undefined {
  for (const key of ['warning', 'reason', 'problem']) if (typeof entry[key] === 'string') return entry[key];
  const err = entry.err as { message?: unknown } | undefined;
  return typeof err?.message === 'string' ? err.message : undefined;
}

const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

function levelNumber(level: unknown): number {
  return typeof level === 'number' ? level : (LEVELS[String(level)] ?? 30);
}
