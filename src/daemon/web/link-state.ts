import type { HoldDecision } from '../../state/hold-decisions.js';
import type { HoldRecord } from '../../state/holds.js';
import type { StateStore } from '../../state/store.js';
import { planPrefix, readLinkToken, type LinkClaims } from '../../app/approval-link/link-token.js';

// What an approval link may show, decided in this order: a link that is not ours shows nothing;
// an expired one says so and nothing else; one that already carried a decision shows that
// decision and its outcome; a hold closed meanwhile or a plan that changed says so; only an
// open hold with the plan the link was made for shows the plan and the buttons.

export type LinkState =
  | { kind: 'invalid' }
  | { kind: 'expired'; claims: LinkClaims }
  | { kind: 'decided'; claims: LinkClaims; decision: HoldDecision; hold: HoldRecord | undefined }
  | { kind: 'changed'; claims: LinkClaims; hold: HoldRecord | undefined }
  | { kind: 'closed'; claims: LinkClaims; hold: HoldRecord }
  | { kind: 'open'; claims: LinkClaims; hold: HoldRecord };

export function linkStateOf(store: StateStore, key: Buffer, token: string, nowMs: number): LinkState {
  const check = readLinkToken(key, token, nowMs);
  if (!check.ok) return check.reason === 'expired' && check.claims ? { kind: 'expired', claims: check.claims } : { kind: 'invalid' };
  const claims = check.claims;
  const hold = store.holds.get(claims.runId);
  const decision = store.holdDecisions.byToken(claims.id);
  if (decision) return { kind: 'decided', claims, decision, hold };
  if (!hold || hold.resolution === 'superseded' || planPrefix(hold.fingerprint) !== claims.plan) return { kind: 'changed', claims, hold };
  if (hold.resolvedAt) return { kind: 'closed', claims, hold };
  return { kind: 'open', claims, hold };
}
