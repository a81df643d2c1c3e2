import { formatMailStatus, mailStatus } from '../../notify/mail-status.js';
import type { HoldDecision } from '../../state/hold-decisions.js';
import { openStateReadOnly } from '../../state/store.js';
import type { RunSummary } from '../../sync/run.js';
import type { CommandContext } from '../context.js';
import { displayTime, displayZone } from '../display.js';
import { plural, renderTable } from '../table.js';

/** `sis-sync status`: recent runs, uploads in flight, what is managed. Reads state only. */
export async function statusCommand(ctx: CommandContext, options: { json?: boolean; limit?: number }): Promise<number> {
  const store = openStateReadOnly(ctx.settings.state.dir);
  if (!store) {
    ctx.out(
      options.json
        ? JSON.stringify({ runs: [], inFlight: [], managed: { dashboards: 0, memberships: 0 }, missingUsers: 0 })
        : `No runs yet (no state in ${ctx.settings.state.dir}).`,
    );
    return 0;
  }
  try {
    const runs = store.runs.recent(options.limit ?? 10);
    const inFlight = store.uploads.inFlight();
    const managed = store.snapshots.counts();
    const missing = store.missingUsers.unresolved();
    const mail = mailStatus(store);
    const holds = store.holds.open();
    const decided = store.holds.recentlyDecided(3);
    const decisions = holds.flatMap((h) => store.holdDecisions.forRun(h.runId));
    if (options.json) {
      ctx.out(JSON.stringify({ runs, inFlight, managed, missingUsers: missing.length, mail, holds, decided, decisions }, null, 2));
      return 0;
    }
    const zone = displayZone(ctx.settings);
    const time = (iso: string | null) => (iso ? displayTime(iso, zone) : '-');
    ctx.out(`State: ${ctx.settings.state.dir}`);
    ctx.out(
      `Managed: ${plural(managed.dashboards, 'dashboard')}, ${plural(managed.memberships, 'membership')}; ${plural(missing.length, 'user')} unknown to AspirEDU.`,
    );
    const mailLine = formatMailStatus(mail, time);
    if (mailLine) ctx.out(mailLine);
    for (const hold of holds) {
      ctx.out(
        `HELD: run ${hold.runId} (since ${time(hold.createdAt)}, last seen ${time(hold.lastSeenAt)}) uploads nothing until approved: ${hold.findings[0]?.message ?? ''}. Apply it with \`sis-sync approve ${hold.runId}\`.`,
      );
      for (const d of decisions.filter((x) => x.runId === hold.runId)) ctx.out(`  ${formatLinkDecision(d, time)}`);
    }
    for (const hold of decided) {
      ctx.out(
        `Hold of run ${hold.runId}: ${hold.resolution} by ${hold.resolvedBy ?? '?'} via ${hold.resolvedVia ?? 'cli'} at ${time(hold.resolvedAt)} (run ${hold.resolvedRunId}).`,
      );
    }
    ctx.out('');
    ctx.out(
      renderTable(
        ['RUN', 'TRIGGER', 'STARTED', 'OUTCOME', 'CHANGED', 'UPLOADS', 'MISSING', 'PROBLEM'],
        runs.map((run) => {
          const counts = (run.summary as RunSummary | null)?.counts;
          return [
            run.id,
            run.trigger,
            time(run.startedAt),
            run.outcome,
            counts?.dashboardsChanged ?? 0,
            counts?.uploads ?? 0,
            counts?.missingUsers ?? 0,
            firstLine(run.error),
          ];
        }),
      ),
    );
    if (inFlight.length > 0) {
      ctx.out('');
      ctx.out('Uploads in flight (the next run settles them before uploading anything else):');
      ctx.out(
        renderTable(
          ['UPLOAD', 'AspirEDU ID', 'PHASE', 'STATUS', 'SENT', 'LAST POLLED', 'POLLS'],
          inFlight.map((u) => [
            u.id,
            u.apiId ?? '-',
            u.phase,
            u.status ?? '-',
            time(u.createdAt ?? u.intentAt),
            time(u.lastPolledAt),
            u.polls,
          ]),
        ),
      );
    }
    return 0;
  } finally {
    store.close();
  }
}

function formatLinkDecision(d: HoldDecision, time: (iso: string) => string): string {
  const what =
    d.decision === 'declined'
      ? 'not now'
      : `approved (${d.outcome === null ? 'waiting for its run' : `run ${d.outcomeRunId ?? '?'}: ${firstLine(d.outcome)}`})`;
  return `${what} by ${d.decidedBy} via ${d.via} at ${time(d.decidedAt)}`;
}

function firstLine(text: string | null): string {
  if (!text) return '';
  const line = text.split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
