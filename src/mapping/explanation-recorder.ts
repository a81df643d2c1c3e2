import type { DataType } from '../desired/data-types.js';
import { normaliseDashboardName } from '../desired/desired-builder.js';
import { compareStrings, dashboardKeyString, type Desired } from '../desired/model.js';
import type { DashboardExplanation, MemberReason } from '../desired/ports.js';

// Collects why, for the dashboards of one name only: what `plan --explain "<dashboard>"` shows.
// Only built when asked for, so that a normal run keeps no reason in memory.

interface Entry {
  origins: string[];
  members: Map<string, { dataType: DataType; id: string; reasons: MemberReason[] }>;
  notes: string[];
}

const SEP = '\u001f';

export class ExplanationRecorder {
  private readonly target: string;
  private readonly entries = new Map<string, Entry>();

  constructor(name: string) {
    this.target = normaliseDashboardName(name);
  }

  wants(name: string): boolean {
    return name === this.target;
  }

  origin(account: string, name: string, text: string): void {
    const entry = this.entry(account, name);
    if (entry && !entry.origins.includes(text)) entry.origins.push(text);
  }

  member(account: string, name: string, dataType: DataType, id: string, reason: MemberReason): void {
    const entry = this.entry(account, name);
    if (!entry) return;
    const key = `${dataType}${SEP}${id}`;
    const member = entry.members.get(key) ?? { dataType, id, reasons: [] };
    if (!member.reasons.some((r) => r.origin === reason.origin && r.because === reason.because && r.ally === reason.ally))
      member.reasons.push(reason);
    entry.members.set(key, member);
  }

  note(account: string, name: string, text: string): void {
    const entry = this.entry(account, name);
    if (entry && !entry.notes.includes(text)) entry.notes.push(text);
  }

  finish(desired: Desired): DashboardExplanation[] {
    return [...this.entries.entries()]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([key, entry]) => {
        const [account, name] = key.split(SEP) as [string, string];
        const viewers = desired.get(dashboardKeyString({ dataType: 'viewer', account, name }))?.members;
        const members = [...entry.members.values()]
          .sort((a, b) => compareStrings(a.dataType, b.dataType) || compareStrings(a.id, b.id))
          .map((m) => ({
            dataType: m.dataType,
            id: m.id,
            ally: m.dataType === 'viewer' && viewers?.get(m.id) === true,
            reasons: m.reasons,
          }));
        return { account, name, origins: entry.origins, members, notes: entry.notes };
      });
  }

  private entry(account: string, name: string): Entry | undefined {
    if (name !== this.target) return undefined;
    const key = `${account}${SEP}${name}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { origins: [], members: new Map(), notes: [] };
      this.entries.set(key, entry);
    }
    return entry;
  }
}
