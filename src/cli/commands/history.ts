import { openStateReadOnly } from '../../state/store.js';
import type { RunSummary } from '../../sync/run.js';
import type { CommandContext } from '../context.js';
import { displayTime, displayZone } from '../display.js';
import { renderTable } from '../table.js';

/** `sis-sync history`: runs that changed dashboards, newest first, with what they changed. */
export async function historyCommand(ctx: CommandContext, options: { json?: boolean; limit: number }): Promise<number> {
  const store = openStateReadOnly(ctx.settings.state.dir);
  try {
    const runs = (store?.history.runs(options.limit) ?? []).map((entry) => {
      const run = store!.runs.get(entry.runId);
      const counts = (run?.summary as RunSummary | null)?.counts;
      const approval = store!.holds.approvedBy(entry.runId);
      return {
        ...entry,
        trigger: run?.trigger ?? '?',
        startedAt: run?.startedAt ?? entry.recordedAt,
        outcome: run?.outcome ?? '?',
        added: counts?.added ?? 0,
        removed: counts?.removed ?? 0,
        ...(approval
          ? {
              approved: { heldRunId: approval.runId, by: approval.resolvedBy, via: approval.resolvedVia ?? 'cli', at: approval.resolvedAt },
            }
          : {}),
      };
    });
    if (options.json) {
      ctx.out(JSON.stringify(runs, null, 2));
      return 0;
    }
    if (runs.length === 0) {
      ctx.out('No applied changes recorded yet.');
      return 0;
    }
    ctx.out(
      renderTable(
        ['RUN', 'TRIGGER', 'STARTED', 'OUTCOME', 'DASHBOARDS', 'ADDED', 'REMOVED', 'APPROVED'],
        runs.map((r) => [
          r.runId,
          r.trigger,
          displayTime(r.startedAt, displayZone(ctx.settings)),
          r.outcome,
          r.dashboards,
          r.added,
          r.removed,
          r.approved ? `hold of run ${r.approved.heldRunId} by ${r.approved.by} via ${r.approved.via}` : '',
        ]),
      ),
    );
    ctx.out(
      `\nsis-sync rollback <run> restores the dashboards a run changed as they were before it (history.keepRuns: ${ctx.settings.history.keepRuns}).`,
    );
    return 0;
  } finally {
    store?.close();
  }
}
