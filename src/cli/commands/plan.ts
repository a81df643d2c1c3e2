import { openStateReadOnly } from '../../state/store.js';
import { needsUpload } from '../../sync/plan.js';
import { planAgainstState } from '../../sync/plan-against-state.js';
import type { CommandContext } from '../context.js';
import { planToJson } from '../plan-json.js';
import { formatPlanTotals } from '../report-format.js';
import { plural, renderTable } from '../table.js';
import { createSource } from '../wiring.js';

/** `sis-sync plan`: what a run would change, per dashboard. Writes nothing, not even state. */
export async function planCommand(ctx: CommandContext, options: { json?: boolean; all?: boolean }): Promise<number> {
  const loaded = await createSource(ctx.settings).load();
  const store = openStateReadOnly(ctx.settings.state.dir);
  try {
    const plan = planAgainstState(loaded, store, Date.now(), ctx.settings.sync.retryMissingAfterHours * 3_600_000);
    const inFlight = store?.uploads.inFlight() ?? [];
    if (options.json) {
      ctx.out(
        JSON.stringify(
          { ...planToJson(plan), inFlightUploads: inFlight.map((u) => u.apiId ?? `local ${u.id}`), warnings: loaded.warnings },
          null,
          2,
        ),
      );
      return 0;
    }
    const shown = options.all ? plan.changes : plan.changes.filter(needsUpload);
    if (shown.length > 0) {
      ctx.out(
        renderTable(
          ['DATA TYPE', 'ACCOUNT', 'DASHBOARD', 'ACTION', 'ADDED', 'REMOVED', 'ALLY±', 'BEFORE', 'AFTER'],
          shown.map((c) => [
            c.dataType,
            c.account || '-',
            c.name,
            c.action,
            c.added.length,
            c.removed.length,
            c.allyChanged.length,
            c.before,
            c.after,
          ]),
        ),
      );
      ctx.out('');
    }
    ctx.out(formatPlanTotals(plan));
    if (!store) ctx.out('No state yet: this is a first sync, every dashboard is new.');
    if (inFlight.length > 0) {
      ctx.out(
        `${plural(inFlight.length, 'upload')} from an earlier run still in flight; the next run settles them first and this plan may shrink.`,
      );
    }
    for (const warning of loaded.warnings) ctx.out(`warning: ${warning}`);
    return 0;
  } finally {
    store?.close();
  }
}
