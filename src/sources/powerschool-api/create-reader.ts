import { requireSettings } from '../../config/load.js';
import type { Settings } from '../../config/settings.js';
import { ConfigError } from '../../errors.js';
import type { RetryPolicy } from '../../http/retry.js';
import type { Logger } from '../../log/logger.js';
import { systemClock, type Clock } from '../../util/clock.js';
import { loadQueryCatalog } from '../powerschool-queries/catalog.js';
import { parseStudentFields, type StudentField } from '../powerschool-queries/student-fields.js';
import { PowerSchoolClient } from './client.js';
import { PowerSchoolApiReader } from './reader.js';
import { TokenCache } from './token-cache.js';

// Builds the PowerSchool REST source from the settings: the one place where `powerschool.*`
// meets code. The integrator wires `new RosterMembershipSource(reader, mapper)` from here.

const BUILT_IN_STUDENT_IDS = ['student_number', 'dcid', 'id', 'state_studentnumber'];

export function retryPolicyOf(settings: Settings): RetryPolicy {
  return {
    maxRetries: settings.http.maxRetries,
    minDelayMs: settings.http.retryMinDelaySeconds * 1000,
    maxDelayMs: settings.http.retryMaxDelaySeconds * 1000,
    factor: 2,
  };
}

/** Checks the settings a PowerSchool connection needs; returns the parsed extra student fields. */
export function checkPowerSchoolSettings(settings: Settings): StudentField[] {
  requireSettings(settings, ['powerschool.url', 'powerschool.clientId', 'powerschool.clientSecret']);
  const ps = settings.powerschool;
  if (ps.url.startsWith('http://') && !settings.allowInsecureHttp) {
    throw new ConfigError(`powerschool.url uses http://, which would send the client secret and token unencrypted: ${ps.url}`, {
      code: 'CONFIG_INSECURE_URL',
      key: 'powerschool.url',
      hint: 'Use https://. Only the built-in simulators and tests may set allowInsecureHttp: true.',
    });
  }
  const studentFields = parseStudentFields(ps.studentFields);
  if (typeof studentFields === 'string')
    throw new ConfigError(`powerschool.studentFields: ${studentFields}`, { code: 'CONFIG_INVALID', key: 'powerschool.studentFields' });
  if (!BUILT_IN_STUDENT_IDS.includes(ps.studentIdField) && !studentFields.some((f) => f.name === ps.studentIdField)) {
    throw new ConfigError(
      `powerschool.studentIdField is "${ps.studentIdField}", which is neither ${BUILT_IN_STUDENT_IDS.join(', ')} nor the name of one of powerschool.studentFields`,
      {
        code: 'CONFIG_INVALID',
        key: 'powerschool.studentIdField',
        hint: 'To use a custom field as the SIS id, list it in powerschool.studentFields (e.g. "sis_id=U_STUDENTSUSERFIELDS.SIS_ID") and name it here.',
      },
    );
  }
  return studentFields;
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
): () => PowerSchoolClient {
  const ps = settings.powerschool;
  return () =>
    new PowerSchoolClient({
      url: ps.url,
      clientId: ps.clientId,
      clientSecret: ps.clientSecret,
      timeoutMs: ps.requestTimeoutSeconds * 1000,
      retry: retryPolicyOf(settings),
      log,
      clock,
      concurrency: ps.concurrency,
      minRequestIntervalMs: ps.minRequestIntervalSeconds * 1000,
      tokenCache,
      tokenRenewBeforeMs: ps.tokenRenewDays * 86_400_000,
    });
}

export function createPowerSchoolApiReader(
  settings: Settings,
  log: Logger,
  stateDir: string | undefined,
  clock: Clock = systemClock,
): PowerSchoolApiReader {
  const studentFields = checkPowerSchoolSettings(settings);
  const ps = settings.powerschool;
  const tokenCache = powerSchoolTokenCache(settings, log, stateDir);
  return new PowerSchoolApiReader({
    server: new URL(ps.url).host,
    createClient: powerSchoolClientFactory(settings, log, stateDir, clock, tokenCache),
    tokenRenewalFailure: () => tokenCache.renewalFailure,
    catalog: loadQueryCatalog(),
    log,
    clock,
    roster: { studentIdField: ps.studentIdField, staffIdField: ps.staffIdField, termLabel: ps.termLabel },
    studentFields,
    activeEnrollStatuses: ps.activeEnrollStatuses,
    schools: ps.schools,
    asOfDate: ps.asOfDate,
    pageSize: ps.pageSize,
  });
}
