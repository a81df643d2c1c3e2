import { ConfigError } from '../errors.js';
import type { StateStore } from '../state/store.js';
import type { UploadBatch } from './batch.js';

// A dashboard is emptied by an upload whose only row names `sync.emptyPlaceholderId`, an id
// AspirEDU must not know: it then reports the id missing. If it does not, the id is a real
// user's, and "emptied" dashboards hold that user. AspirEDU's API cannot look a user up, so an
// emptying upload's answer is the only evidence; once it says "known", nothing more is emptied.

const SETTING = 'sync.emptyPlaceholderId';

export function placeholderKnownError(placeholderId: string, evidence: string): ConfigError {
  return new ConfigError(
    `AspirEDU knows the empty-dashboard placeholder "${placeholderId}" (${SETTING}): ${evidence}. It must be an id no student or viewer has`,
    {
      code: 'PLACEHOLDER_IS_REAL_USER',
      key: SETTING,
      hint: `Set ${SETTING} to an id no student or viewer has in AspirEDU, then run again: the dashboards meant to be empty are emptied again (until then sis-sync empties none, and they hold that user).`,
    },
  );
}

/** Throws before anything is sent when a batch would empty a dashboard with a placeholder AspirEDU is known to know. */
export function refuseKnownPlaceholder(store: StateStore, placeholderId: string, batches: readonly UploadBatch[]): void {
  if (!batches.some((b) => b.dashboards.some((d) => d.members.size === 0))) return;
  const evidence = store.uploads.placeholderEvidence(placeholderId);
  if (!evidence || evidence.reportedMissing) return;
  throw placeholderKnownError(
    placeholderId,
    `upload ${evidence.apiId} (${evidence.finishedAt}) emptied dashboards with it and ended "${evidence.status}" without reporting it missing; nothing was uploaded this run`,
  );
}
