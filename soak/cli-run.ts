import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

// Runs the real CLI (bin/sis-sync.js → dist/) as a child process, reads its JSON log lines as
// they come, and kills it with SIGKILL when the soak says so: on a log event (the roster being
// read, an upload created or finished, a digest queued), from outside (the mail server just
// took a digest), or after a while.

export const BIN = resolve(import.meta.dirname, '../bin/sis-sync.js');

export interface LogEvent {
  event: string;
  level: number;
  [field: string]: unknown;
}

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why the soak killed it, when it did. */
  killed: string | undefined;
  stdout: string;
  events: LogEvent[];
  /** stderr lines that are not JSON log lines (the CLI's own error message). */
  otherStderr: string[];
  ms: number;
}

export interface RunningChild {
  done: Promise<ChildRun>;
  /** SIGKILL now, unless it has ended already. */
  kill(reason: string): void;
}

export interface StartOptions {
  env: Record<string, string>;
  args?: string[];
  /** Called for each log event; may call kill(). */
  onEvent?: (event: LogEvent, child: RunningChild) => void;
  /** A run that takes longer than this is killed and reported as hung. */
  timeoutMs?: number;
}

export function startCli(options: StartOptions): RunningChild {
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, ...(options.args ?? ['once'])], {
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let killed: string | undefined;
  let ended = false;
  let stdout = '';
  let pending = '';
  const events: LogEvent[] = [];
  const otherStderr: string[] = [];
  const handle: RunningChild = {
    done: undefined as unknown as Promise<ChildRun>,
    kill(reason) {
      if (ended || killed) return;
      killed = reason;
      child.kill('SIGKILL');
    },
  };
  const timer = setTimeout(() => handle.kill('hung'), options.timeoutMs ?? 60_000);
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) readLine(line);
  });
  function readLine(line: string): void {
    if (!line.trim()) return;
    let parsed: LogEvent | undefined;
    try {
      const value = JSON.parse(line) as Partial<LogEvent>;
      if (typeof value.event === 'string') parsed = value as LogEvent;
    } catch {
      // not a log line
    }
    if (!parsed) {
      otherStderr.push(line);
      return;
    }
    events.push(parsed);
    if (!killed) options.onEvent?.(parsed, handle);
  }
  handle.done = new Promise<ChildRun>((resolvePromise) => {
    child.on('close', (code, signal) => {
      ended = true;
      clearTimeout(timer);
      if (pending) readLine(pending);
      resolvePromise({ code, signal, killed, stdout, events, otherStderr, ms: Date.now() - started });
    });
  });
  return handle;
}
