import type { CredentialWarning } from '../desired/credentials.js';
import { HeldError } from '../errors.js';
import type { MissingUserReports } from '../state/missing-user-reports.js';
import type { StateStore } from '../state/store.js';
import { collectChanges } from './collect-changes.js';
import { collectMissing, type MissingNewsDraft } from './collect-missing.js';
import { composeDigest } from './compose/compose-digest.js';
import { planFailureNotices, type FailureNotices } from './failure-notices.js';
import { copiesWithLinks } from './held-links.js';
import type { HeldRun, ReviewLinkFor } from './held-run.js';
import type { MailSettings } from './mail-settings.js';
import type { Digest, DigestOutcome, HeartbeatNews, HeldNews, SectionName } from './news.js';
import { observeFailures } from './observe-failures.js';
import { addressees } from './recipients.js';
import type { NotifyRunOutcome } from './run-outcome.js';

// After a run: decides what is news, writes one email per group of readers into the outbox,
// and records what was told (failures, missing users, heartbeat) in the same transaction, so
// that nothing is told twice and nothing told is lost.

export interface QueueInput {
  outcome: NotifyRunOutcome;
  runId: number | undefined;
  now: string;
  mail: MailSettings;
  store: StateStore;
  host: string;
  /** Credentials that expire soon or have expired: told like a failure, reminded, and cleared once renewed. */
  credentialWarnings?: readonly CredentialWarning[];
  /** The approval page's link per reader of a held run (web.publicUrl set). */
  reviewLinkFor?: ReviewLinkFor;
}

export interface QueuedDigests {
  messages: number;
  sections: SectionName[];
}

export function queueDigest(input: QueueInput): QueuedDigests {
  const { outcome, mail, store, now } = input;
  const episodes = store.failureEpisodes;
  const reports = store.missingUserReports;
  const marks = store.notifyMarks;
  const outbox = store.outbox;

  const notices = planFailureNotices(observeFailures(outcome, input.credentialWarnings), episodes.open(), now, mail.reminderMs);
  const digest: Digest = { district: mail.district, runId: input.runId, at: now, outcome: outcomeOf(outcome) };
  if (notices.news.errors) digest.errors = notices.news.errors;
  const held = heldNews(outcome, notices, input.runId);
  if (held) digest.held = held;
  const report = outcome.kind === 'report' ? outcome.report : undefined;
  if (report && mail.recipients.changes.length > 0) {
    const changes = collectChanges(report);
    if (changes) digest.changes = changes;
  }
  let missing: MissingNewsDraft | undefined;
  if (mail.recipients.missingUsers.length > 0) {
    missing = collectMissing(reports.toReport(), report?.people);
    if (missing) digest.missingUsers = missing.news;
  }
  const lastHeartbeat = marks.get('heartbeat.lastAt');
  if (heartbeatDue(input, notices, lastHeartbeat)) digest.heartbeat = heartbeatNews(store, lastHeartbeat, reports);

  const available = new Set<SectionName>(
    (['errors', 'held', 'changes', 'missingUsers', 'heartbeat'] as const).filter((s) => digest[s] !== undefined),
  );
  const groups = addressees(mail.recipients, available);
  const copies = groups.flatMap((group) =>
    copiesWithLinks(group, digest, input.reviewLinkFor).map((copy) => ({ ...copy, sections: group.sections })),
  );
  const told = new Set(groups.flatMap((g) => g.sections));
  const errorsReaders = new Set(mail.recipients.errors.map((a) => a.toLowerCase()));

  store.transaction(() => {
    for (const copy of copies) {
      const email = composeDigest(copy.digest, copy.sections, { timeZone: mail.timeZone, identify: mail.identify, host: input.host });
      outbox.enqueue({ runId: input.runId ?? null, recipients: copy.recipients, sections: copy.sections, ...email }, now);
    }
    for (const episode of notices.open) {
      episodes.save(told.has(episode.kind) ? { ...episode, lastNotifiedAt: now } : episode);
    }
    for (const fingerprint of notices.closed) episodes.close(fingerprint);
    if (missing && told.has('missingUsers')) reports.markReported(missing.named, now);
    if (groups.some((g) => g.recipients.some((r) => errorsReaders.has(r.toLowerCase())))) marks.set('heartbeat.lastAt', now);
  });
  return { messages: copies.length, sections: [...told] };
}

function outcomeOf(outcome: NotifyRunOutcome): DigestOutcome {
  if (outcome.kind === 'held') return 'held';
  if (outcome.kind === 'error') return outcome.error instanceof HeldError ? 'held' : 'failed';
  return outcome.report.outcome === 'success' ? 'done' : 'failed';
}

/** The held section: the run being held now, or the news that an earlier hold ended. */
function heldNews(outcome: NotifyRunOutcome, notices: FailureNotices, runId: number | undefined): HeldNews | undefined {
  const news = notices.news.held;
  if (!news) return undefined;
  const current = news.started[0] ?? news.ongoing[0];
  let run: HeldRun | undefined;
  if (outcome.kind === 'held') run = outcome.held;
  // A guard that threw without its details: the reader still learns that, why, and how to approve.
  else if (outcome.kind === 'error' && outcome.error instanceof HeldError && runId !== undefined)
    run = { runId, reasons: [{ kind: 'guard', message: outcome.error.message }], dashboards: [] };
  if (run && current) return { run, since: current.since, runs: current.runs, lifted: false };
  const ended = news.recovered[0];
  // A run that stopped before the guard judged it says nothing about a hold: no email on that.
  if (!ended) return undefined;
  return { since: ended.since, runs: ended.runs, lifted: true };
}

function heartbeatDue(input: QueueInput, notices: FailureNotices, lastAt: string | undefined): boolean {
  const { mail, outcome, now } = input;
  if (mail.heartbeatMs <= 0 || mail.recipients.errors.length === 0) return false;
  if (outcome.kind !== 'report' || outcome.report.outcome !== 'success') return false;
  if (notices.news.errors || notices.open.some((e) => e.kind === 'errors')) return false;
  return lastAt === undefined || Date.parse(now) - Date.parse(lastAt) >= mail.heartbeatMs;
}

function heartbeatNews(store: StateStore, since: string | undefined, reports: MissingUserReports): HeartbeatNews {
  const managed = store.snapshots.counts();
  const missing = reports.toReport();
  return {
    since,
    runs: store.runs.countSince(since),
    dashboards: managed.dashboards,
    memberships: managed.memberships,
    stillMissing: missing.fresh.length + missing.still.length,
  };
}
