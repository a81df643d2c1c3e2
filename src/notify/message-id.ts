import type { OutboxMessage } from '../state/outbox.js';

// The Message-ID of a digest, derived from its outbox row, so that it is the same on every
// attempt. A process killed after the mail server took a digest, but before the outbox row was
// deleted, sends it again with the next run: with the same Message-ID, mail servers and clients
// that drop duplicates (most do) show it once, and a reader can tell it is the same email.

export function digestMessageId(message: Pick<OutboxMessage, 'id' | 'createdAt'>, from: string): string {
  const domain = /@([^@\s>]+)>?\s*$/.exec(from)?.[1] ?? 'sis-sync.invalid';
  // The row id restarts with a new state database; the creation time keeps ids apart then.
  const created = Date.parse(message.createdAt);
  return `<sis-sync.digest.${Number.isNaN(created) ? '0' : created.toString(36)}.${message.id}@${domain}>`;
}
