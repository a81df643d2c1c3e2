import type { GeneralSettings } from '../config/sections/general.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';

/** The retry policy every HTTP client uses, from the `http.*` settings (seconds → milliseconds). */
export function retryPolicyFrom(settings: Pick<GeneralSettings, 'http'>): RetryPolicy {
  return {
    maxRetries: settings.http.maxRetries,
    minDelayMs: settings.http.retryMinDelaySeconds * 1000,
    maxDelayMs: settings.http.retryMaxDelaySeconds * 1000,
    factor: DEFAULT_RETRY_POLICY.factor,
  };
}
