import { describeError, NotifyError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { scrubSecrets } from '../util/secrets.js';
import type { NotifyMarks } from '../state/notify-marks.js';
import type { Outbox } from '../state/outbox.js';
import { isoNow, type Clock } from '../util/clock.js';
import { CONNECTION_CODES, type Mailer } from './mailer.js';
import { digestMessageId } from './message-id.js';

// Sends what waits in the outbox, oldest first. A message the server takes is deleted; one it
// does not take stays for the next run. Once the server cannot be reached (or refuses the
// login), the rest are not tried this time: they would fail the same way, each after a timeout.

export interface DeliveryOptions {
  outbox: Outbox;
  marks: NotifyMarks;
  mailer: Mailer;
  from: string;
  clock: Clock;
  log: Logger;
  maxAgeMs: number;
}

export interface DeliveryResult {
  sent: number;
  /** Still in the outbox after this attempt. */
  pending: number;
  expired: number;
  /** The last failure, when one happened. */
  error: NotifyError | undefined;
}

export async function deliverOutbox(options: DeliveryOptions): Promise<DeliveryResult> {
  const { outbox, marks, mailer, clock, log } = options;
  const expired = outbox.expire(new Date(clock.now() - options.maxAgeMs).toISOString());
  for (const message of expired) {
    log.error(
      {
        event: 'notify.expired',
        outboxId: message.id,
        runId: message.runId,
        createdAt: message.createdAt,
        attempts: message.attempts,
        subject: message.subject,
      },
      'A digest could not be sent in time and was dropped',
    );
  }
  if (expired.length > 0) marks.set('mail.expired', String(Number(marks.get('mail.expired') ?? 0) + expired.length));

  let sent = 0;
  let error: NotifyError | undefined;
  for (const message of outbox.pending()) {
    try {
      const result = await mailer.send({
        from: options.from,
        to: message.recipients,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: digestMessageId(message, options.from),
      });
      outbox.markSent(message.id);
      marks.set('mail.lastSentAt', isoNow(clock));
      sent++;
      log.info(
        {
          event: 'notify.sent',
          outboxId: message.id,
          runId: message.runId,
          sections: message.sections,
          recipients: result.accepted.length,
        },
        'Digest sent',
      );
      if (result.rejected.length > 0) {
        log.warn({ event: 'notify.rejected', outboxId: message.id, rejected: result.rejected }, 'The mail server refused some recipients');
      }
    } catch (caught) {
      error =
        caught instanceof NotifyError
          ? caught
          : new NotifyError(`Sending a digest failed: ${(caught as Error).message}`, { code: 'NOTIFY_SEND', cause: caught });
      const said = scrubSecrets(describeError(error));
      outbox.markFailed(message.id, said, isoNow(clock));
      marks.set('mail.lastFailedAt', isoNow(clock));
      marks.set('mail.lastError', said);
      if (CONNECTION_CODES.has(error.code)) break;
    }
  }
  const pending = outbox.summary().pending;
  if (error) {
    log.error(
      { event: 'notify.failing', code: error.code, error: scrubSecrets(error.message), hint: error.hint, pending, sent },
      'Mail is failing; digests wait in the outbox for the next run',
    );
  } else if (sent === 0 && pending === 0 && expired.length === 0) {
    log.debug({ event: 'notify.idle' }, 'No digest to send');
  }
  return { sent, pending, expired: expired.length, error };
}
