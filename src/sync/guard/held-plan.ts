import { createHash } from 'node:crypto';
import type { HeldChange } from '../../state/holds.js';
import { needsUpload, type Plan } from '../plan.js';

// A plan as the guard holds it: the changes per dashboard, and a fingerprint that tells whether
// a later run produced the same plan (the same hold) or another one.

export function heldChangesOf(plan: Plan): HeldChange[] {
  return plan.changes.filter(needsUpload).map((c) => ({
    dataType: c.dataType,
    account: c.account,
    name: c.name,
    action: c.action,
    added: c.added,
    removed: c.removed,
    allyChanged: c.allyChanged,
  }));
}

export function fingerprintOf(changes: readonly HeldChange[]): string {
  return createHash('sha256').update(JSON.stringify(changes)).digest('hex');
}

/** What differs between the plan a run held and the plan now, one line per dashboard. */
export function describePlanDifference(held: readonly HeldChange[], now: readonly HeldChange[]): string[] {
  const key = (c: HeldChange) => `${c.dataType}\u001f${c.account}\u001f${c.name}`;
  const before = new Map(held.map((c) => [key(c), c]));
  const after = new Map(now.map((c) => [key(c), c]));
  const lines: string[] = [];
  for (const k of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(k);
    const b = after.get(k);
    const label = `${(a ?? b)!.dataType} dashboard "${(a ?? b)!.name}"`;
    if (!a) lines.push(`${label}: now also changes (+${b!.added.length} −${b!.removed.length})`);
    else if (!b) lines.push(`${label}: no longer changes`);
    else if (JSON.stringify(a) !== JSON.stringify(b)) {
      lines.push(`${label}: was +${a.added.length} −${a.removed.length}, now +${b.added.length} −${b.removed.length}`);
    }
  }
  return lines;
}
