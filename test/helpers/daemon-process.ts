import { startCli, waitFor, type RunningCli } from './cli.js';

// The real `sis-sync run` in a child process, with its log lines readable while it runs.

export interface DaemonProcess extends RunningCli {
  /** Parsed JSON log lines so far. */
  events(): Array<Record<string, unknown>>;
  waitForEvent(event: string, timeoutMs?: number): Promise<Record<string, unknown>>;
}

export function startDaemonProcess(env: Record<string, string>, args: string[] = ['run']): DaemonProcess {
  const cli = startCli(args, env);
  const events = () =>
    cli
      .stderr()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    ...cli,
    events,
    async waitForEvent(event, timeoutMs = 15_000) {
      await waitFor(() => events().some((e) => e.event === event) || cli.child.exitCode !== null, timeoutMs, `log event ${event}`);
      const found = events().find((e) => e.event === event);
      if (!found) throw new Error(`the daemon exited (${cli.child.exitCode}) before logging ${event}:\n${cli.stderr()}`);
      return found;
    },
  };
}
