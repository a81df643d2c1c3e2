import { mailSettingsFrom } from '../../notify/mail-settings.js';
import type { CommandContext } from '../context.js';
import { createAspirEduClient, createSource } from '../wiring.js';

/**
 * `sis-sync config check`: loads and validates the configuration as a run would, and prints it
 * with secrets masked. Exit 2 (from the thrown ConfigError) when something is wrong.
 */
export async function configCheckCommand(ctx: CommandContext): Promise<number> {
  createSource(ctx.settings, ctx.log);
  await createAspirEduClient(ctx.settings, ctx.log).close();
  mailSettingsFrom(ctx.settings);
  ctx.out(`Configuration OK${ctx.loaded.file ? ` (${ctx.loaded.file})` : ' (environment and defaults only)'}`);
  for (const warning of ctx.loaded.warnings) ctx.out(`warning: ${warning}`);
  ctx.out(ctx.loaded.masked());
  return 0;
}
