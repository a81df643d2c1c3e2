import { Worker } from 'node:worker_threads';
import type { Logger } from '../log/logger.js';
import { MODULE_WORKER_SCRIPT, type WorkerAnswer, type WorkerInput } from './module-worker-script.js';

// Runs a mapping module in a worker thread of its own, so that a module that loops or waits for
// ever cannot freeze the daemon (its health server, its schedule, its shutdown): the thread is
// terminated when the time is up or the run is stopped. What the module prints goes to the log,
// never to stdout, where `--json` output goes.

export type ThreadResult =
  | WorkerAnswer
  | { kind: 'timeout' }
  /** The thread ended without an answer: a promise nothing could settle, or process.exit(). */
  | { kind: 'exited'; exitCode: number }
  /** An exception the module threw outside the call (a timer callback, an event handler). */
  | { kind: 'crashed'; message: string; name: string; stack: string | undefined };

export interface ModuleThreadOptions {
  input: WorkerInput;
  timeoutMs: number;
  log: Logger;
  signal?: AbortSignal | undefined;
}

export function runModuleThread(options: ModuleThreadOptions): Promise<ThreadResult> {
  const { input, timeoutMs, log, signal } = options;
  signal?.throwIfAborted();
  return new Promise<ThreadResult>((resolve, reject) => {
    const worker = new Worker(MODULE_WORKER_SCRIPT, { eval: true, workerData: input, stdout: true, stderr: true });
    const printed = Promise.all([
      forwardLines(worker.stdout, (line) => log.info({ event: 'mapping.module_output', stream: 'stdout', line }, 'Mapping module output')),
      forwardLines(worker.stderr, (line) => log.warn({ event: 'mapping.module_output', stream: 'stderr', line }, 'Mapping module output')),
    ]);
    let settled = false;
    const settle = (end: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      // terminate() stops even a busy loop. The answer waits for the module's last printed line,
      // so that its output comes before what the run logs next.
      void worker
        .terminate()
        .then(() => printed)
        .then(end);
    };
    const timer = setTimeout(() => settle(() => resolve({ kind: 'timeout' })), timeoutMs);
    const onAbort = () => settle(() => reject(signal?.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (answer: WorkerAnswer) => settle(() => resolve(answer)));
    worker.on('error', (error: Error) =>
      settle(() => resolve({ kind: 'crashed', message: error.message, name: error.name, stack: error.stack })),
    );
    // Messages are delivered before 'exit', so an exit still unsettled had nothing to say.
    worker.on('exit', (exitCode) => settle(() => resolve({ kind: 'exited', exitCode })));
  });
}

/** Resolves once the stream ended (the thread is gone) and its last line is written. */
function forwardLines(stream: NodeJS.ReadableStream, write: (line: string) => void): Promise<void> {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) write(line);
  });
  return new Promise((resolve) =>
    stream.on('end', () => {
      if (pending !== '') write(pending);
      resolve();
    }),
  );
}
