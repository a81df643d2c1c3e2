import type { GuardSettings } from '../../src/config/sections/guard.js';
import { loadConfig } from '../../src/config/load.js';

/** The guard's limits as shipped (the schema's defaults), with a test's changes. */
export function guardLimits(overrides: Partial<GuardSettings['guard']> = {}): GuardSettings['guard'] {
  return { ...loadConfig({ env: {} }).settings.guard, ...overrides };
}
