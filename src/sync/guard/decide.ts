import type { DecisionVia, HeldChange, HoldRecord } from '../../state/holds.js';
import type { StateStore } from '../../state/store.js';
import type { GuardFinding } from '../../desired/guard-findings.js';
import { describePlanDifference, fingerprintOf } from './held-plan.js';

// What a run does with the guard's findings, and the hold records that follow:
//   nothing found         → go on; holds still open are released ("recovered")
//   --allow-deletes       → go on; open holds are closed as "overridden", by whom
//   approve <run>, same plan as held → go on; that hold is "approved", by whom
//   otherwise             → hold. The same plan as an open hold is that hold again (no new
//                           email, no new record); a different one supersedes it.

export interface GuardControls {
  allowDeletesBy?: string;
  /** via: where the approval came from (the CLI unless said otherwise). */
  approve?: { runId: number; by: string; via?: DecisionVia };
}

export type GuardDecision =
  | { kind: 'proceed'; released: HoldRecord[] }
  | { kind: 'overridden'; by: string; findings: GuardFinding[] }
  | { kind: 'approved'; by: string; via: DecisionVia; hold: HoldRecord }
  | { kind: 'hold'; hold: HoldRecord; repeat: boolean; planChanged: string[] };

export function decideGuard(
  store: StateStore,
  runId: number,
  findings: GuardFinding[],
  changes: HeldChange[],
  controls: GuardControls,
  at: string,
): GuardDecision {
  const open = store.holds.open();
  if (findings.length === 0) {
    for (const hold of open) store.holds.resolve(hold.runId, 'recovered', at, null, runId);
    return { kind: 'proceed', released: open };
  }
  if (controls.allowDeletesBy !== undefined) {
    for (const hold of open) store.holds.resolve(hold.runId, 'overridden', at, controls.allowDeletesBy, runId, 'cli');
    return { kind: 'overridden', by: controls.allowDeletesBy, findings };
  }
  const fingerprint = fingerprintOf(changes);
  const approved = controls.approve ? open.find((h) => h.runId === controls.approve!.runId) : undefined;
  if (controls.approve && approved && approved.fingerprint === fingerprint) {
    store.holds.resolve(approved.runId, 'approved', at, controls.approve.by, runId, controls.approve.via ?? 'cli');
    for (const other of open) if (other !== approved) store.holds.resolve(other.runId, 'superseded', at, null, runId);
    return { kind: 'approved', by: controls.approve.by, via: controls.approve.via ?? 'cli', hold: approved };
  }
  const same = open.find((h) => h.fingerprint === fingerprint);
  if (same) {
    store.holds.seenAgain(same.runId, at);
    return { kind: 'hold', hold: { ...same, lastSeenAt: at }, repeat: true, planChanged: [] };
  }
  for (const hold of open) store.holds.resolve(hold.runId, 'superseded', at, null, runId);
  store.holds.create(runId, fingerprint, findings, changes, at);
  const planChanged = approved ? describePlanDifference(approved.changes, changes) : [];
  return { kind: 'hold', hold: store.holds.get(runId) as HoldRecord, repeat: false, planChanged };
}
