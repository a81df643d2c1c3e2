import type { StateStore } from '../state/store.js';
import { plural } from './compose/words.js';

// How mail is doing, for `sis-sync status`: whether digests wait in the outbox and why.

export interface MailStatus {
  pending: number;
  oldestPendingAt: string | null;
  lastError: string | null;
  lastFailedAt: string | null;
  lastSentAt: string | null;
  /** Digests dropped after notify.outboxMaxAgeHours, in all. */
  expired: number;
}

export function mailStatus(store: StateStore): MailStatus {
  const summary = store.outbox.summary();
  const marks = store.notifyMarks;
  return {
    pending: summary.pending,
    oldestPendingAt: summary.oldestAt,
    lastError: summary.lastError ?? marks.get('mail.lastError') ?? null,
    lastFailedAt: summary.lastAttemptAt ?? marks.get('mail.lastFailedAt') ?? null,
    lastSentAt: marks.get('mail.lastSentAt') ?? null,
    expired: Number(marks.get('mail.expired') ?? 0),
  };
}

/** One line, or none when mail has never been used; `time` shows a stored ISO time to a person. */
export function formatMailStatus(status: MailStatus, time: (iso: string) => string = (iso) => iso): string | undefined {
  const dropped =
    status.expired > 0
      ? ` ${plural(status.expired, 'digest')} dropped after notify.outboxMaxAgeHours (see the log, event notify.expired).`
      : '';
  if (status.pending > 0) {
    return `Mail: FAILING. ${plural(status.pending, 'digest')} ${status.pending === 1 ? 'waits' : 'wait'} in the outbox since ${status.oldestPendingAt ? time(status.oldestPendingAt) : '?'}; they go with the next run. Last error${status.lastFailedAt ? ` (${time(status.lastFailedAt)})` : ''}: ${firstLine(status.lastError)}${dropped}`;
  }
  if (status.lastSentAt) return `Mail: working; last digest sent ${time(status.lastSentAt)}.${dropped}`;
  return dropped ? `Mail:${dropped}` : undefined;
}

function firstLine(text: string | null): string {
  return (text ?? 'unknown').split('\n')[0] ?? '';
}
