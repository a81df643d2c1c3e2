import type { DataType } from '../desired/data-types.js';
import { UsageError } from '../errors.js';
import { normaliseDashboardName } from '../desired/desired-builder.js';
import { compareStrings } from '../desired/model.js';
import type { DashboardChange, Plan } from '../sync/plan.js';
import type { DashboardExplanation, MemberReason, SourceResult } from '../desired/ports.js';
import { describePerson } from './plan-people.js';

// `sis-sync plan --explain "<dashboard>"`: which rule made a dashboard, why each member is on
// it, and what the next run would change there. One view per account holding that name.

export interface ExplainedMember {
  dataType: DataType;
  id: string;
  person: string;
  ally: boolean;
  /** Added by the next run, or already there. */
  change: 'added' | 'kept';
  reasons: MemberReason[];
}

export interface ExplainView {
  account: string;
  name: string;
  origins: string[];
  notes: string[];
  /** Per data type: what the next run does to this dashboard. */
  actions: Array<{ dataType: DataType; action: string; added: number; removed: number; before: number; after: number }>;
  members: ExplainedMember[];
  /** Members at the last successful upload that no rule puts here any more. */
  leaving: Array<{ dataType: DataType; id: string; person: string }>;
  /** False when the source does not record why (rows files). */
  knowsWhy: boolean;
}

export function explainDashboard(rawName: string, loaded: SourceResult, plan: Plan): ExplainView[] {
  const name = normaliseDashboardName(rawName);
  const changes = plan.changes.filter((c) => c.name === name);
  const explanations = loaded.provenance?.explain(name) ?? [];
  const accounts = [
    ...new Set([...changes.map((c) => c.account), ...explanations.map((e) => e.account), ...desiredAccounts(loaded, name)]),
  ].sort(compareStrings);
  if (accounts.length === 0) throw notFound(rawName, loaded, plan);
  return accounts.map((account) =>
    viewFor(
      account,
      name,
      loaded,
      changes.filter((c) => c.account === account),
      explanations.find((e) => e.account === account),
    ),
  );
}

function viewFor(
  account: string,
  name: string,
  loaded: SourceResult,
  changes: DashboardChange[],
  explanation: DashboardExplanation | undefined,
): ExplainView {
  const added = new Set(changes.flatMap((c) => c.added.map((id) => `${c.dataType}:${id}`)));
  const reasons = new Map((explanation?.members ?? []).map((m) => [`${m.dataType}:${m.id}`, m.reasons]));
  const members: ExplainedMember[] = [];
  for (const dataType of ['student', 'viewer'] as const) {
    const dashboard = [...loaded.desired.values()].find((d) => d.dataType === dataType && d.account === account && d.name === name);
    for (const [id, ally] of [...(dashboard?.members ?? new Map<string, boolean>())].sort(([a], [b]) => compareStrings(a, b))) {
      const key = `${dataType}:${id}`;
      members.push({
        dataType,
        id,
        person: describePerson(loaded.people, dataType, id),
        ally,
        change: added.has(key) ? 'added' : 'kept',
        reasons: reasons.get(key) ?? [],
      });
    }
  }
  return {
    account,
    name,
    origins: explanation?.origins ?? [],
    notes: explanation?.notes ?? [],
    actions: changes.map((c) => ({
      dataType: c.dataType,
      action: c.action,
      added: c.added.length,
      removed: c.removed.length,
      before: c.before,
      after: c.after,
    })),
    members,
    leaving: changes.flatMap((c) =>
      c.removed.map((id) => ({ dataType: c.dataType, id, person: describePerson(loaded.people, c.dataType, id) })),
    ),
    knowsWhy: loaded.provenance !== undefined,
  };
}

export function formatExplain(views: readonly ExplainView[]): string {
  const lines: string[] = [];
  for (const view of views) {
    if (lines.length > 0) lines.push('');
    lines.push(`Dashboard "${view.name}"${view.account ? ` (account ${view.account})` : ''}`);
    for (const a of view.actions)
      lines.push(`  next run, ${a.dataType}s: ${a.action}, +${a.added} −${a.removed} (${a.before} → ${a.after})`);
    if (view.origins.length > 0) {
      lines.push('Made by:');
      lines.push(...view.origins.map((origin) => `  ${origin}`));
    } else if (view.members.length === 0) {
      lines.push('Made by: nothing any more; the next run empties it.');
    } else if (!view.knowsWhy) {
      lines.push('Made by: the source (it does not record why; a rows file holds dashboards ready-made).');
    }
    for (const dataType of ['student', 'viewer'] as const) {
      const members = view.members.filter((m) => m.dataType === dataType);
      if (members.length === 0) continue;
      lines.push(`${dataType === 'student' ? 'Students' : 'Viewers'} (${members.length}; + = added by the next run):`);
      for (const member of members) {
        const ally = dataType === 'viewer' ? (member.ally ? ', ally' : ', not ally') : '';
        lines.push(`  ${member.change === 'added' ? '+' : ' '} ${member.person}${ally}`);
        for (const reason of member.reasons) {
          const flag = reason.ally === undefined ? '' : reason.ally ? ' (as ally)' : ' (as not ally)';
          lines.push(`      ${reason.origin}: ${reason.because}${flag}`);
        }
      }
    }
    if (view.leaving.length > 0) {
      lines.push(`Leaving (${view.leaving.length}; on it at the last successful upload, no rule puts them here now):`);
      lines.push(...view.leaving.map((m) => `  − ${m.dataType} ${m.person}`));
    }
    if (view.notes.length > 0) {
      lines.push('Notes:');
      lines.push(...view.notes.map((note) => `  ${note}`));
    }
  }
  return lines.join('\n');
}

function desiredAccounts(loaded: SourceResult, name: string): string[] {
  return [...loaded.desired.values()].filter((d) => d.name === name).map((d) => d.account);
}

function notFound(rawName: string, loaded: SourceResult, plan: Plan): UsageError {
  const all = [...new Set([...[...loaded.desired.values()].map((d) => d.name), ...plan.changes.map((c) => c.name)])];
  const wanted = normaliseDashboardName(rawName).toLowerCase();
  const words = wanted.split(' ').filter((w) => w.length > 2);
  const similar = all
    .filter((n) => n.toLowerCase() === wanted || n.toLowerCase().includes(wanted) || words.some((w) => n.toLowerCase().includes(w)))
    .sort(compareStrings)
    .slice(0, 5);
  return new UsageError(`No dashboard is named ${JSON.stringify(rawName)}: no rule makes it and sis-sync has not uploaded it`, {
    code: 'USAGE_UNKNOWN_DASHBOARD',
    hint:
      similar.length > 0
        ? `Names are exact (case and punctuation count). Similar: ${similar.map((n) => JSON.stringify(n)).join(', ')}`
        : 'Run `sis-sync plan --all` to list every dashboard.',
  });
}
