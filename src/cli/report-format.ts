import type { Plan } from '../sync/plan.js';
import type { UploadOutcome } from '../sync/record.js';
import type { RunReport } from '../sync/run.js';
import { formatGuard, heldRunFooter } from './guard-format.js';
import { plural } from './table.js';

// How a run reads in the terminal after `sis-sync once`.

/** `shownWarnings`: source warnings the reader has just seen (the demo's plan), counted instead of repeated. */
export function formatRunReport(report: RunReport, shownWarnings: ReadonlySet<string> = new Set()): string {
  const outcome = report.outcome === 'success' ? 'done' : report.outcome === 'held' ? 'HELD' : 'FAILED';
  const lines = [`Run ${report.runId}: ${outcome}`];
  if (report.resumed.length > 0) {
    lines.push(`  Finished ${plural(report.resumed.length, 'upload')} left in flight by an earlier run:`);
    lines.push(...report.resumed.map(formatUpload));
  }
  if (report.plan) lines.push(`  ${formatPlanTotals(report.plan)}`);
  lines.push(...formatGuard(report));
  lines.push(...report.uploads.map(formatUpload));
  const repeated = report.sourceWarnings.filter((warning) => shownWarnings.has(warning)).length;
  for (const warning of report.sourceWarnings) if (!shownWarnings.has(warning)) lines.push(`  warning: ${warning}`);
  if (repeated > 0) lines.push(`  ${plural(repeated, 'warning')} as above.`);
  if (report.problems.length > 0) {
    lines.push('  Problems:');
    lines.push(...report.problems.map((p) => `    - ${p}`));
  }
  lines.push(...heldRunFooter(report));
  return lines.join('\n');
}

export function formatPlanTotals(plan: Plan): string {
  const { toUpload, added, removed, allyChanged, byAction } = plan.totals;
  if (toUpload === 0) return `Nothing changed: ${plural(byAction.unchanged, 'dashboard')} already up to date.`;
  const kinds = [
    byAction.create && `${byAction.create} new`,
    byAction.update && `${byAction.update} changed`,
    byAction.empty && `${byAction.empty} emptied`,
    byAction['retry-missing'] && `${byAction['retry-missing']} retried for missing users`,
    byAction.reconcile && `${byAction.reconcile} reconciled after drift`,
  ].filter(Boolean);
  const ally = allyChanged ? `, ${allyChanged} ally flags changed` : '';
  return `${plural(toUpload, 'dashboard')} to upload (${kinds.join(', ')}), ${byAction.unchanged} unchanged; memberships +${added} −${removed}${ally}.`;
}

function formatUpload(upload: UploadOutcome): string {
  const what = `${upload.dataType} upload ${upload.apiId}: ${plural(upload.dashboards.length, 'dashboard')}, ${plural(upload.rowCount, 'row')}`;
  if (upload.error !== undefined) return `    ${what} → error: ${upload.error}`;
  const missing = upload.missing.length > 0 ? ` (${upload.missing.length} unknown to AspirEDU: ${preview(upload.missing)})` : '';
  return `    ${what} → ${upload.status}${missing}`;
}

function preview(ids: string[], max = 5): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')}, …`;
}
