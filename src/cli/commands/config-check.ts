import { reviewConfig } from '../../config/load.js';
import { ConfigError, EXIT } from '../../errors.js';
import { silentLogger } from '../../log/logger.js';
import { mailSettingsFrom } from '../../notify/mail-settings.js';
import type { GlobalOptions } from '../context.js';
import { createAspirEduClient, createSource } from '../../app/wiring.js';

/**
 * `sis-sync config check`: loads and validates the configuration as a run would, and prints it
 * with secrets masked; exit 2 with every problem found, not only the first, when something is
 * wrong (an admin fixing a new configuration should not need one round per setting).
 */
export async function configCheckCommand(
  options: GlobalOptions,
  out: (text: string) => void = (text) => process.stdout.write(`${text}\n`),
  err: (text: string) => void = (text) => process.stderr.write(`${text}\n`),
): Promise<number> {
  const { loaded, problems } = reviewConfig({ file: options.config, ...(options.env ? { env: options.env } : {}) });
  const log = silentLogger();
  const checks = [
    () => createSource(loaded.settings, log),
    async () => createAspirEduClient(loaded.settings, log).close(),
    () => mailSettingsFrom(loaded.settings),
  ];
  for (const check of checks) {
    try {
      await check();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(error);
    }
  }
  const where = loaded.file ? ` (${loaded.file})` : ' (environment and defaults only)';
  for (const warning of loaded.warnings) (problems.length > 0 ? err : out)(`warning: ${warning}`);
  if (problems.length > 0) {
    err(`Configuration${where} has ${problems.length === 1 ? '1 problem' : `${problems.length} problems`}:`);
    for (const problem of problems) {
      err(`  - ${problem.message.split('\n').join('\n    ')}`);
      if (problem.hint) err(`    → ${problem.hint}`);
    }
    err('See docs/reference/configuration.md for every key and what it expects.');
    return EXIT.badConfig;
  }
  out(`Configuration OK${where}`);
  out(loaded.masked());
  return EXIT.done;
}
