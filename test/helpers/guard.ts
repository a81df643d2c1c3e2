import type { GuardLimits } from '../../src/sync/guard/limits.js';
import { loadConfig } from '../../src/config/load.js';

/** The guard's limits as shipped (the schema's defaults), with a test's changes. */
export function guardLimits(overrides: Partial<GuardLimits> = {}): GuardLimits {
  return { ...loadConfig({ env: {} }).settings.guard, ...overrides };
}
