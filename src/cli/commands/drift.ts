import type { DriftEntry } from '../../drift/compare.js';
import { detectDrift } from '../../drift/detect.js';
import { driftedEntries } from '../../drift/drift-news.js';
import { openStateReadOnly } from '../../state/store.js';
import { dashboardKeyString } from '../../desired/model.js';
import { EXIT } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { plural, renderTable } from '../table.js';
import { createAspirEduClient } from '../../app/wiring.js';
import { runLocked } from '../../app/run-locked.js';
import { printRunReport } from '../run-report.js';

/**
 * `sis-sync drift`: what AspirEDU holds against what was last uploaded; `--reconcile` then
 * uploads the drifted managed dashboards again, through the safety guard. Exit 4 when managed
 * dashboards drifted and were not reconciled, so that a monitoring check can alert on it.
 */
export async function driftCommand(ctx: CommandContext, options: { json?: boolean; reconcile?: boolean }): Promise<number> {
  const store = openStateReadOnly(ctx.settings.state.dir);
  if (!store) {
    ctx.out(options.json ? JSON.stringify({ entries: [], unmanaged: [] }) : 'Nothing is managed yet: run `sis-sync once` first.');
    return 0;
  }
  const client = createAspirEduClient(ctx.settings, ctx.log);
  let drift;
  let inFlight = 0;
  try {
    inFlight = store.uploads.inFlight().length;
    drift = await detectDrift(client, store, ctx.settings.sync.emptyPlaceholderId, ctx.settings.aspiredu.account);
  } finally {
    store.close();
    await client.close();
  }
  const drifted = driftedEntries(drift);
  ctx.log.info(
    { event: 'drift.checked', drifted: drifted.length, unmanaged: drift.unmanaged.length, managed: drift.entries.length },
    'Drift checked',
  );
  if (options.json) ctx.out(JSON.stringify({ ...drift, uploadsInFlight: inFlight }, null, 2));
  else printDrift(ctx, drift.entries.length, drifted, drift.unmanaged, inFlight);
  if (drifted.length === 0) return EXIT.done;
  if (!options.reconcile) return EXIT.drift;
  const forceUpload = new Set(drifted.map((e) => dashboardKeyString(e)));
  return runLocked(ctx, 'reconcile', { forceUpload }, printRunReport(ctx, { ...(options.json ? { json: false } : {}) }));
}

function printDrift(
  ctx: CommandContext,
  managed: number,
  drifted: DriftEntry[],
  unmanaged: Array<{ account: string; name: string }>,
  inFlight: number,
): void {
  if (inFlight > 0) ctx.out(`Note: ${plural(inFlight, 'upload')} in flight; dashboards being processed may show changes in progress.`);
  if (drifted.length === 0) ctx.out(`No drift: ${plural(managed, 'managed dashboard')} match what was last uploaded.`);
  else {
    ctx.out(
      renderTable(
        ['DATA TYPE', 'ACCOUNT', 'DASHBOARD', 'STATE', 'ADDED IN WEB', 'REMOVED IN WEB', 'ALLY CHANGED'],
        drifted.map((e) => [
          e.dataType,
          e.account || '-',
          e.name,
          e.state,
          preview(e.addedInWeb),
          preview(e.removedInWeb),
          preview(e.allyChangedInWeb),
        ]),
      ),
    );
    ctx.out(
      `\n${plural(drifted.length, 'managed dashboard')} drifted of ${managed}. \`sis-sync drift --reconcile\` uploads them again from the source.`,
    );
  }
  if (unmanaged.length > 0)
    ctx.out(`${plural(unmanaged.length, 'dashboard')} in AspirEDU not managed here: ${unmanaged.map((d) => d.name).join(', ')}`);
}

function preview(ids: string[]): string {
  if (ids.length === 0) return '-';
  return ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')} +${ids.length - 3}`;
}
