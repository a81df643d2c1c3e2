import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, waitFor, type CliResult } from './cli.js';

// The real `sis-sync run` in a child process, with its log lines readable while it runs.

export interface DaemonProcess {
  child: ChildProcess;
  done: Promise<CliResult>;
  stderr(): string;
  stdout(): string;
  /** Parsed JSON log lines so far. */
  events(): Array<Record<string, unknown>>;
  waitForEvent(event: string, timeoutMs?: number): Promise<Record<string, unknown>>;
}

export function startDaemonProcess(env: Record<string, string>, args: string[] = ['run']): DaemonProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  const events = () =>
    stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    child,
    done,
    stderr: () => stderr,
    stdout: () => stdout,
    events,
    async waitForEvent(event, timeoutMs = 15_000) {
      await waitFor(() => events().some((e) => e.event === event) || child.exitCode !== null, timeoutMs, `log event ${event}`);
      const found = events().find((e) => e.event === event);
      if (!found) throw new Error(`the daemon exited (${child.exitCode}) before logging ${event}:\n${stderr}`);
      return found;
    },
  };
}
