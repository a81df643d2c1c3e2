import type { FailureEpisode, FailureKind } from '../state/failure-episodes.js';
import type { FailureItem, FailureNews } from './news.js';
import type { ObservedFailures } from './observe-failures.js';

// Decides what a run's failures are worth saying, against the failures already going on. Pure.
//   new fingerprint                      → told now ("started")
//   open, seen again                     → told only when the reminder is due (or alongside other news)
//   open, not seen by a run that could   → told once ("recovered"), then forgotten

export interface FailureNotices {
  /** Per kind, present only when something is worth an email now. */
  news: Partial<Record<FailureKind, FailureNews>>;
  /** Failures still going on after this run; `lastNotifiedAt` is set by the caller for kinds it did send. */
  open: FailureEpisode[];
  /** Fingerprints of failures that ended. */
  closed: string[];
}

export function planFailureNotices(
  observed: ObservedFailures,
  episodes: readonly FailureEpisode[],
  now: string,
  reminderMs: number,
): FailureNotices {
  const known = new Map(episodes.map((e) => [e.fingerprint, e]));
  const seen = new Set<string>();
  const open: FailureEpisode[] = [];
  const drafts: Record<FailureKind, { started: FailureItem[]; ongoing: FailureItem[]; recovered: FailureItem[]; due: boolean }> = {
    errors: { started: [], ongoing: [], recovered: [], due: false },
    held: { started: [], ongoing: [], recovered: [], due: false },
  };

  for (const observation of observed.observations) {
    if (seen.has(observation.fingerprint)) continue;
    seen.add(observation.fingerprint);
    const prior = known.get(observation.fingerprint);
    const draft = drafts[observation.kind];
    const episode: FailureEpisode = {
      fingerprint: observation.fingerprint,
      kind: observation.kind,
      scope: observation.scope,
      title: observation.item.title,
      startedAt: prior?.startedAt ?? now,
      lastSeenAt: now,
      lastNotifiedAt: prior?.lastNotifiedAt ?? null,
      runs: (prior?.runs ?? 0) + 1,
    };
    open.push(episode);
    const item: FailureItem = { ...observation.item, since: episode.startedAt, runs: episode.runs };
    if (!prior) {
      draft.started.push(item);
      draft.due = true;
      continue;
    }
    draft.ongoing.push(item);
    if (reminderDue(prior, now, reminderMs)) draft.due = true;
  }

  const closed: string[] = [];
  for (const episode of episodes) {
    if (seen.has(episode.fingerprint)) continue;
    if (!observed.observedScopes.has(episode.scope)) {
      open.push(episode);
      continue;
    }
    closed.push(episode.fingerprint);
    drafts[episode.kind].recovered.push({ title: episode.title, since: episode.startedAt, runs: episode.runs });
    drafts[episode.kind].due = true;
  }
  // A failure this run could not look at is still going on as far as anyone knows: list it with the others.
  for (const episode of open) {
    if (seen.has(episode.fingerprint)) continue;
    drafts[episode.kind].ongoing.push({ title: episode.title, since: episode.startedAt, runs: episode.runs });
    if (reminderDue(episode, now, reminderMs)) drafts[episode.kind].due = true;
  }

  const news: Partial<Record<FailureKind, FailureNews>> = {};
  for (const kind of ['errors', 'held'] as const) {
    const { due, ...items } = drafts[kind];
    if (due) news[kind] = items;
  }
  return { news, open, closed };
}

function reminderDue(episode: FailureEpisode, now: string, reminderMs: number): boolean {
  if (episode.lastNotifiedAt === null) return true;
  return Date.parse(now) - Date.parse(episode.lastNotifiedAt) >= reminderMs;
}
