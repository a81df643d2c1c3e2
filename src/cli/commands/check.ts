import { configuredChecks } from '../../app/checks.js';
import { describeError, EXIT } from '../../errors.js';
import { scrubSecrets } from '../../log/secrets.js';
import type { CommandContext } from '../context.js';

/** `sis-sync check`: tries every configured connection; exit 0 when all work, 1 otherwise. */
export async function checkCommand(ctx: CommandContext, options: { json?: boolean }): Promise<number> {
  const results: Array<{ name: string; ok: boolean; detail: string }> = [];
  for (const check of configuredChecks(ctx.settings, ctx.log)) {
    try {
      results.push({ name: check.name, ok: true, detail: await check.run() });
    } catch (error) {
      results.push({ name: check.name, ok: false, detail: scrubSecrets(describeError(error)) });
    }
  }
  if (options.json) ctx.out(JSON.stringify(results, null, 2));
  else for (const r of results) ctx.out(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name}: ${r.detail}`);
  return results.every((r) => r.ok) ? EXIT.done : EXIT.failed;
}
