import { createHash } from 'node:crypto';
import type { CredentialWarning } from '../desired/credentials.js';
import { ApiError, HeldError, RunTimeoutError, SisSyncError } from '../errors.js';
import type { FailureKind, FailureScope } from '../state/failure-episodes.js';
import type { UploadOutcome } from '../sync/record.js';
import { describeDashboards } from './compose/words.js';
import { reasonSummary } from './held-run.js';
import type { FailureItem } from './news.js';
import type { NotifyRunOutcome } from './run-outcome.js';

// The failures a run shows, each with a fingerprint that stays the same while the same thing
// keeps going wrong, so that a repeat is recognised as one ongoing failure.

export interface FailureObservation {
  fingerprint: string;
  kind: FailureKind;
  scope: FailureScope;
  item: Omit<FailureItem, 'since' | 'runs'>;
}

export interface ObservedFailures {
  observations: FailureObservation[];
  /** Scopes this run looked at in full: an open failure of such a scope that it did not show has ended. */
  observedScopes: ReadonlySet<FailureScope>;
}

/**
 * Credential warnings are checked every run, whatever its outcome, so they are observed in full
 * every time: a warning no longer given (the credential was renewed) ends its episode.
 */
export function observeFailures(outcome: NotifyRunOutcome, credentialWarnings: readonly CredentialWarning[] = []): ObservedFailures {
  const observed = observeRunFailures(outcome);
  return {
    observations: [...observed.observations, ...credentialWarnings.map(credentialObservation)],
    observedScopes: new Set([...observed.observedScopes, 'credential']),
  };
}

function credentialObservation(warning: CredentialWarning): FailureObservation {
  return {
    fingerprint: fingerprint('credential', warning.credential, warning.expired ? 'expired' : 'expiring'),
    kind: 'errors',
    scope: 'credential',
    item: { title: warning.message, ...(warning.hint ? { hint: warning.hint } : {}) },
  };
}

function observeRunFailures(outcome: NotifyRunOutcome): ObservedFailures {
  if (outcome.kind === 'held') {
    const held = outcome.held;
    const names = held.dashboards.map((d) => `${d.dataType}\u001f${d.account}\u001f${d.name}`).sort();
    return {
      observations: [
        {
          fingerprint: fingerprint('held', ...names),
          kind: 'held',
          scope: 'held',
          item: { title: reasonSummary(held) },
        },
      ],
      observedScopes: new Set(['run', 'held']),
    };
  }
  if (outcome.kind === 'error') {
    const error = outcome.error;
    if (error instanceof HeldError) {
      return {
        observations: [{ fingerprint: fingerprint('held', error.code), kind: 'held', scope: 'held', item: { title: error.message } }],
        observedScopes: new Set(['run', 'held']),
      };
    }
    return { observations: [runErrorObservation(error)], observedScopes: new Set(['run']) };
  }

  const { report } = outcome;
  const observations: FailureObservation[] = [];
  const ended = [...report.resumed, ...report.uploads];
  const errored = ended.filter((u) => u.error !== undefined);
  observations.push(...uploadErrorObservations(errored));
  // The pipeline also words each errored upload as a problem; those are told above, with their dashboards.
  const otherProblems = report.problems.filter((problem) => !errored.some((u) => problem.includes(u.apiId)));
  for (const problem of otherProblems) {
    observations.push({
      fingerprint: fingerprint('problem', normalise(problem)),
      kind: 'errors',
      scope: 'upload',
      item: { title: problem },
    });
  }
  // A run stopped early by an upload still in flight never got to plan: it cannot tell whether
  // upload failures of earlier runs are over.
  const scopes: FailureScope[] = report.plan ? ['run', 'upload', 'held'] : ['run'];
  return { observations, observedScopes: new Set(scopes) };
}

function runErrorObservation(error: unknown): FailureObservation {
  const code = error instanceof SisSyncError ? error.code : error instanceof Error ? error.name : 'UNKNOWN';
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof SisSyncError ? error.hint : undefined;
  return {
    fingerprint: fingerprint('run', code, normalise(message)),
    kind: 'errors',
    scope: 'run',
    item: { title: titleForRunError(error), detail: message, ...(hint ? { hint } : {}) },
  };
}

function titleForRunError(error: unknown): string {
  if (!(error instanceof SisSyncError)) return 'The run stopped on an unexpected error; nothing more was uploaded.';
  if (error instanceof RunTimeoutError) {
    return 'A run took longer than sis-sync allows (sync.runTimeoutMinutes) and was stopped; nothing more was uploaded.';
  }
  if (error instanceof ApiError && error.kind === 'aspiredu') {
    return 'sis-sync could not work with AspirEDU (unreachable, or it refused a request); nothing more was uploaded.';
  }
  switch (error.kind) {
    case 'source':
      return 'sis-sync could not read the student information in full, so it uploaded nothing.';
    case 'state':
      return 'sis-sync could not use its state database; the run stopped.';
    case 'config':
    case 'usage':
      return 'The sis-sync configuration is wrong; the run stopped.';
    default:
      return 'The run stopped on an error; nothing more was uploaded.';
  }
}

/** One observation per AspirEDU message and data type, with every dashboard that got it. */
function uploadErrorObservations(errored: readonly UploadOutcome[]): FailureObservation[] {
  const groups = new Map<string, { outcome: UploadOutcome; dashboards: Set<string> }>();
  for (const upload of errored) {
    const key = fingerprint('upload-error', upload.dataType, upload.account, normalise(upload.error ?? ''));
    const group = groups.get(key) ?? { outcome: upload, dashboards: new Set<string>() };
    for (const name of upload.dashboards) group.dashboards.add(name);
    groups.set(key, group);
  }
  return [...groups].map(([key, { outcome, dashboards }]) => {
    const names = [...dashboards].sort();
    const dataType = outcome.dataType === 'viewer' ? 'viewer' : 'student';
    return {
      fingerprint: key,
      kind: 'errors' as const,
      scope: 'upload' as const,
      item: {
        title: `AspirEDU rejected the upload of ${names.length === 1 ? 'one dashboard' : `${names.length} dashboards`}; they keep their previous members and are sent again with the next run.`,
        detail: `AspirEDU said: ${outcome.error ?? ''}`,
        dashboards: describeDashboards(names, dataType, outcome.account),
      },
    };
  });
}

/**
 * Messages carry ids, counts and times that change from run to run while the failure stays
 * the same: upload UUIDs and numbers are blanked before fingerprinting.
 */
export function normalise(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')
    .replace(/\d+/g, '#')
    .replace(/\s+/g, ' ')
    .trim();
}

function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, 32);
}
