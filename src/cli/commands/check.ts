import { configuredChecks } from '../../app/checks.js';
import { describeError, EXIT } from '../../errors.js';
import { scrubSecrets } from '../../util/secrets.js';
import type { CommandContext } from '../context.js';
import { plural } from '../table.js';

interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
  /** Not tried because the check it needs failed. */
  skipped?: boolean;
}

/** `sis-sync check`: tries every configured connection; exit 0 when all work, 1 otherwise. */
export async function checkCommand(ctx: CommandContext, options: { json?: boolean }): Promise<number> {
  const results: CheckResult[] = [];
  const failed = new Set<string>();
  for (const check of configuredChecks(ctx.settings, ctx.log)) {
    // A server that cannot be reached is said once, by the check that connects; every query after it would only repeat it.
    if (check.needs && failed.has(check.needs)) {
      failed.add(check.name);
      results.push({ name: check.name, ok: false, skipped: true, detail: `not tried: "${check.needs}" failed` });
      continue;
    }
    try {
      results.push({ name: check.name, ok: true, detail: await check.run() });
    } catch (error) {
      failed.add(check.name);
      results.push({ name: check.name, ok: false, detail: checkDetail(error) });
    }
  }
  if (options.json) ctx.out(JSON.stringify(results, null, 2));
  else for (const line of formatChecks(results)) ctx.out(line);
  return results.every((r) => r.ok) ? EXIT.done : EXIT.failed;
}

/** One line per check tried; the checks not tried are one line per check they needed. */
function formatChecks(results: readonly CheckResult[]): string[] {
  const lines: string[] = [];
  const skipped = results.filter((r) => r.skipped);
  for (const result of results) {
    if (result.skipped) continue;
    lines.push(`${result.ok ? 'ok  ' : 'FAIL'}  ${result.name}: ${result.detail}`);
    const after = skipped.filter((r) => r.detail === `not tried: "${result.name}" failed`);
    if (after.length > 0) lines.push(`skip  ${plural(after.length, 'more check')} need ${result.name}: not tried until it works.`);
  }
  return lines;
}

/** Errors from a source say "Nothing was uploaded" for a run; `check` never uploads, so that sentence is dropped here. */
function checkDetail(error: unknown): string {
  return scrubSecrets(describeError(error)).replace(/Nothing was uploaded[.;]\s*/g, '');
}
