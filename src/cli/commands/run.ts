import { Daemon } from '../../daemon/daemon.js';
import { EXIT } from '../../errors.js';
import type { CommandContext } from '../context.js';

// `sis-sync run`: the daemon in the foreground. The first SIGTERM or SIGINT stops it gracefully
// (exit 0 once state is written); a second one stops it at once, exit 128 + signal number.
// SIGHUP is logged and ignored.

const FORCED_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/** After a graceful stop, what still holds the event loop (a request past the grace period) must not keep the process alive. */
const EXIT_AFTER_STOP_MS = 2_000;

export async function runCommand(ctx: CommandContext): Promise<number> {
  const daemon = new Daemon({ settings: ctx.settings, log: ctx.log });
  let signals = 0;
  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals === 1) {
      void daemon.stop(signal).then(resolveStopped);
      return;
    }
    ctx.log.warn({ event: 'daemon.forced_stop', signal }, 'Second signal: stopping at once');
    daemon.close();
    process.exit(FORCED_EXIT[signal] ?? EXIT.failed);
  };
  // The configuration is read once, at start: a reload would have to re-check everything a run
  // needs while one may be going. SIGHUP (a closed terminal, or a habit) is said and ignored.
  const onHangUp = () =>
    ctx.log.warn(
      { event: 'daemon.sighup_ignored' },
      'SIGHUP ignored: the configuration is read at start; restart sis-sync to apply changes',
    );
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  process.on('SIGHUP', onHangUp);
  try {
    await daemon.start();
    await stopped;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    process.off('SIGHUP', onHangUp);
    daemon.close();
  }
  setTimeout(() => process.exit(EXIT.done), EXIT_AFTER_STOP_MS).unref();
  return EXIT.done;
}
