import { isPlainHttp, redactUrl } from '../../../config/formats/url.js';
import { requireSettings } from '../../../config/load.js';
import type { Settings } from '../../../config/settings.js';
import { ConfigError } from '../../../errors.js';
import { retryPolicyFrom } from '../../../http/retry-settings.js';
import type { Logger } from '../../../log/logger.js';
import { systemClock, type Clock } from '../../../util/clock.js';
import { noProgress, type ProgressReporter } from '../../../util/progress.js';
import { loadQueryCatalog } from '../queries/catalog.js';
import type { StudentField } from '../queries/student-fields.js';
import { checkRosterSettings, rosterOptionsFrom } from '../roster/roster-settings.js';
import { PowerSchoolClient } from './client.js';
import { PowerSchoolApiReader } from './reader.js';
import { TokenCache } from './token-cache.js';

// Builds the PowerSchool REST source from the settings: the one place where `powerschool.*`
// meets code. src/app/wiring.ts combines the reader with the mapping rules.

/** Checks the settings a PowerSchool REST connection needs; returns the parsed extra student fields. */
export function checkPowerSchoolSettings(settings: Settings): StudentField[] {
  requireSettings(settings, ['powerschool.url', 'powerschool.clientId', 'powerschool.clientSecret']);
  const ps = settings.powerschool;
  if (isPlainHttp(ps.url) && !settings.allowInsecureHttp) {
    throw new ConfigError(
      `powerschool.url uses http://, which would send the client secret and token unencrypted: ${redactUrl(new URL(ps.url))}`,
      {
        code: 'CONFIG_INSECURE_URL',
        key: 'powerschool.url',
        hint: 'Use https://. Only the built-in simulators and tests may set allowInsecureHttp: true.',
      },
    );
  }
  return checkRosterSettings(settings);
}

/** Where the OAuth token is kept between reads and restarts (powerschool.tokenCache). */
export function powerSchoolTokenCache(settings: Settings, log: Logger, stateDir: string | undefined): TokenCache {
  const ps = settings.powerschool;
  return new TokenCache({ server: new URL(ps.url).origin, clientId: ps.clientId, stateDir: ps.tokenCache ? stateDir : undefined, log });
}

/** A client for one read or one check; close it after use. The token cache is shared between them. */
export function powerSchoolClientFactory(
  settings: Settings,
  log: Logger,
  stateDir: string | undefined,
  clock: Clock = systemClock,
  tokenCache: TokenCache = powerSchoolTokenCache(settings, log, stateDir),
  progress: ProgressReporter = noProgress,
): () => PowerSchoolClient {
  const ps = settings.powerschool;
  return () =>
    new PowerSchoolClient({
      url: ps.url,
      clientId: ps.clientId,
      clientSecret: ps.clientSecret,
      timeoutMs: ps.requestTimeoutSeconds * 1000,
      retry: retryPolicyFrom(settings),
      log,
      clock,
      concurrency: ps.concurrency,
      minRequestIntervalMs: ps.minRequestIntervalSeconds * 1000,
      tokenCache,
      tokenRenewBeforeMs: ps.tokenRenewDays * 86_400_000,
      onPageRead: (what, rows, total) => progress.rowsRead('PowerSchool', what, rows, total),
    });
}

export function createPowerSchoolApiReader(
  settings: Settings,
  log: Logger,
  stateDir: string | undefined,
  clock: Clock = systemClock,
  progress: ProgressReporter = noProgress,
): PowerSchoolApiReader {
  const studentFields = checkPowerSchoolSettings(settings);
  const ps = settings.powerschool;
  const tokenCache = powerSchoolTokenCache(settings, log, stateDir);
  return new PowerSchoolApiReader({
    server: new URL(ps.url).host,
    createClient: powerSchoolClientFactory(settings, log, stateDir, clock, tokenCache, progress),
    tokenRenewalFailure: () => tokenCache.renewalFailure,
    catalog: loadQueryCatalog(),
    log,
    clock,
    roster: rosterOptionsFrom(settings),
    studentFields,
    activeEnrollStatuses: ps.activeEnrollStatuses,
    schools: ps.schools,
    asOfDate: ps.asOfDate,
    pageSize: ps.pageSize,
  });
}
