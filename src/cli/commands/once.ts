import { runCycle } from '../../app/run-cycle.js';
import { EXIT } from '../../errors.js';
import { acquireStateLock } from '../../state/lock.js';
import { openState } from '../../state/store.js';
import type { CommandContext } from '../context.js';
import { reportToJson } from '../plan-json.js';
import { formatRunReport } from '../report-format.js';

/** `sis-sync once`: one run, then exit 0 (done), 1 (failed). */
export async function onceCommand(ctx: CommandContext, options: { json?: boolean }, trigger = 'once'): Promise<number> {
  const lock = acquireStateLock(ctx.settings.state.dir, trigger);
  const store = openState(ctx.settings.state.dir);
  try {
    const result = await runCycle({ settings: ctx.settings, store, log: ctx.log, trigger });
    if (result.kind === 'error') throw result.error;
    const { report } = result;
    ctx.out(options.json ? JSON.stringify(reportToJson(report), null, 2) : formatRunReport(report));
    return report.outcome === 'success' ? EXIT.done : EXIT.failed;
  } finally {
    store.close();
    lock.release();
  }
}
