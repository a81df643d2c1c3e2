import { EXIT } from '../../errors.js';
import { acquireStateLock } from '../../state/lock.js';
import { openState } from '../../state/store.js';
import type { CommandContext } from '../context.js';
import { reportToJson } from '../plan-json.js';
import { formatRunReport } from '../report-format.js';
import { createSyncRunner } from '../wiring.js';

/** `sis-sync once`: one run, then exit 0 (done), 1 (failed). */
export async function onceCommand(ctx: CommandContext, options: { json?: boolean }, trigger = 'once'): Promise<number> {
  const lock = acquireStateLock(ctx.settings.state.dir, trigger);
  const store = openState(ctx.settings.state.dir);
  try {
    const runner = createSyncRunner(ctx.settings, store, ctx.log);
    try {
      const report = await runner.run(trigger);
      ctx.out(options.json ? JSON.stringify(reportToJson(report), null, 2) : formatRunReport(report));
      return report.outcome === 'success' ? EXIT.done : EXIT.failed;
    } finally {
      await runner.close();
    }
  } finally {
    store.close();
    lock.release();
  }
}
