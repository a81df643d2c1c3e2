import type { Settings } from '../../config/settings.js';
import type { ReviewLinkFor } from '../../notify/held-run.js';
import type { StateStore } from '../../state/store.js';
import type { Clock } from '../../util/clock.js';
import { loadLinkKey } from './link-key.js';
import { newLinkId, planPrefix, signLinkToken } from './link-token.js';

// The link a held digest gives each of its readers: the approval page of that hold, signed for
// that reader, valid web.linkHours. Undefined when web.publicUrl is empty (no page is served).

const HOUR_MS = 3_600_000;

export function reviewLinkMaker(settings: Settings, store: StateStore, clock: Clock): ReviewLinkFor | undefined {
  const base = settings.web.publicUrl.replace(/\/+$/, '');
  if (!base) return undefined;
  let key: Buffer | undefined;
  return (runId, recipient) => {
    const hold = store.holds.get(runId);
    if (!hold || hold.resolvedAt) return undefined;
    // Made on first need: a district that never has a hold never has a key.
    key ??= loadLinkKey(settings.state.dir);
    const token = signLinkToken(key, {
      runId,
      plan: planPrefix(hold.fingerprint),
      recipient,
      expiresAt: clock.now() + settings.web.linkHours * HOUR_MS,
      id: newLinkId(),
    });
    return `${base}/held/${token}`;
  };
}
