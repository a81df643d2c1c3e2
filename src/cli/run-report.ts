import type { RunReport } from '../sync/run.js';
import type { CommandContext } from './context.js';
import { reportToJson } from './plan-json.js';
import { formatRunReport } from './report-format.js';

// How the commands that run (`once`, `approve`, `rollback`, `drift --reconcile`, the demo)
// print the run's report: JSON, or the text report less warnings already shown.

export function printRunReport(
  ctx: CommandContext,
  options: { json?: boolean; shownWarnings?: ReadonlySet<string> },
): (report: RunReport) => void {
  return (report) => ctx.out(options.json ? JSON.stringify(reportToJson(report), null, 2) : formatRunReport(report, options.shownWarnings));
}
