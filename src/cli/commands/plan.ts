import { previewPlan } from '../../app/plan-preview.js';
import { needsUpload } from '../../sync/plan.js';
import type { MembershipSource } from '../../desired/ports.js';
import type { CommandContext } from '../context.js';
import { explainDashboard, formatExplain } from '../plan-explain.js';
import { planToJson } from '../plan-json.js';
import { formatPeopleChanges, peopleInPlan } from '../plan-people.js';
import { formatPlanTotals } from '../report-format.js';
import { plural, renderTable } from '../table.js';
import { createSource } from '../../app/wiring.js';
import { sortForPeople } from '../display.js';

export interface PlanOptions {
  json?: boolean;
  all?: boolean;
  /** Explain one dashboard instead of listing the plan. */
  explain?: string;
  /** People listed per dashboard and direction (added, removed). */
  names?: number;
}

export const DEFAULT_NAMES_PER_DASHBOARD = 10;

/** `sis-sync plan`: what a run would change, per dashboard. Writes nothing, not even state. */
export async function planCommand(
  ctx: CommandContext,
  options: PlanOptions,
  source: MembershipSource = createSource(ctx.settings, ctx.log, ctx.progress),
): Promise<number> {
  const { loaded, plan, inFlight, firstSync } = await previewPlan(ctx.settings, source);
  if (options.explain !== undefined) {
    const views = explainDashboard(options.explain, loaded, plan);
    ctx.out(options.json ? JSON.stringify({ dashboards: views }, null, 2) : formatExplain(views));
    return 0;
  }
  if (options.json) {
    ctx.out(
      JSON.stringify(
        {
          ...planToJson(plan),
          people: peopleInPlan(plan, loaded.people),
          stats: loaded.stats,
          inFlightUploads: inFlight.map((u) => u.apiId ?? `local ${u.id}`),
          warnings: loaded.warnings,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  const shown = sortForPeople(options.all ? plan.changes : plan.changes.filter(needsUpload), (c) => [c.dataType, c.account, c.name]);
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
    // --names 0: counts only, no people listed.
    const names = options.names ?? DEFAULT_NAMES_PER_DASHBOARD;
    const people = names > 0 ? formatPeopleChanges(shown, loaded.people, names) : [];
    if (people.length > 0) ctx.out([...people, ''].join('\n'));
  }
  ctx.out(formatPlanTotals(plan));
  if (firstSync) ctx.out('No state yet: this is a first sync, every dashboard is new.');
  if (inFlight.length > 0) {
    ctx.out(
      `${plural(inFlight.length, 'upload')} from an earlier run still in flight; the next run settles them first and this plan may shrink.`,
    );
  }
  for (const warning of loaded.warnings) ctx.out(`warning: ${warning}`);
  return 0;
}
