import { hostname } from 'node:os';
import type { CredentialWarning } from '../desired/credentials.js';
import type { Settings } from '../config/settings.js';
import type { Logger } from '../log/logger.js';
import type { StateStore } from '../state/store.js';
import { isoNow, type Clock } from '../util/clock.js';
import { deliverOutbox } from './deliver-outbox.js';
import { mailSettingsFrom, type MailSettings } from './mail-settings.js';
import { createSmtpMailer, type Mailer } from './mailer.js';
import { queueDigest } from './queue-digest.js';
import type { DriftNews } from './news.js';
import { queueDriftDigest } from './queue-drift-digest.js';
import type { ReviewLinkFor } from './held-run.js';
import type { NotifyRunOutcome } from './run-outcome.js';

// Called after every run, whatever its outcome. Mail never fails a run: whatever goes wrong
// here is logged, the digest waits in the outbox, and `sis-sync status` shows that mail is failing.

export interface Notifier {
  afterRun(outcome: NotifyRunOutcome, runId: number | undefined, credentialWarnings?: readonly CredentialWarning[]): Promise<void>;
  /** After the scheduled drift check: tells the `notify.drift` recipients what changed since the last check. */
  afterDriftCheck(news: DriftNews): Promise<void>;
}

export interface NotifierOptions {
  mail: MailSettings;
  store: StateStore;
  log: Logger;
  clock: Clock;
  /** Built per delivery; tests may pass their own. */
  mailer?: () => Mailer;
  host?: string;
  /** Links to the approval page for readers of a held run (web.publicUrl set). */
  reviewLinkFor?: ReviewLinkFor;
}

/** A notifier for these settings; one that does nothing when mail is not configured. Throws ConfigError when it is half configured. */
export function createNotifier(settings: Settings, store: StateStore, log: Logger, clock: Clock, reviewLinkFor?: ReviewLinkFor): Notifier {
  const mail = mailSettingsFrom(settings);
  if (!mail) return { afterRun: async () => undefined, afterDriftCheck: async () => undefined };
  return new DigestNotifier({ mail, store, log, clock, ...(reviewLinkFor ? { reviewLinkFor } : {}) });
}

export class DigestNotifier implements Notifier {
  constructor(private readonly options: NotifierOptions) {}

  async afterRun(
    outcome: NotifyRunOutcome,
    runId: number | undefined,
    credentialWarnings: readonly CredentialWarning[] = [],
  ): Promise<void> {
    const { mail, store, clock } = this.options;
    const log = this.options.log.child({ runId });
    try {
      const queued = queueDigest({
        outcome,
        runId,
        now: isoNow(clock),
        mail,
        store,
        host: this.options.host ?? hostname(),
        credentialWarnings,
        ...(this.options.reviewLinkFor ? { reviewLinkFor: this.options.reviewLinkFor } : {}),
      });
      if (queued.messages > 0) log.info({ event: 'notify.queued', messages: queued.messages, sections: queued.sections }, 'Digest queued');
    } catch (error) {
      log.error({ event: 'notify.compose_failed', err: error }, 'Could not prepare the digest for this run');
    }
    await this.deliver(log);
  }

  async afterDriftCheck(news: DriftNews): Promise<void> {
    const { mail, store, clock, log } = this.options;
    try {
      const queued = queueDriftDigest(news, { mail, store, now: isoNow(clock), host: this.options.host ?? hostname() });
      if (queued > 0) log.info({ event: 'notify.queued', messages: queued, sections: ['drift'] }, 'Digest queued');
    } catch (error) {
      log.error({ event: 'notify.compose_failed', err: error }, 'Could not prepare the drift digest');
    }
    await this.deliver(log);
  }

  /** Works through the outbox, oldest first; mail trouble is logged, never thrown. */
  private async deliver(log: Logger): Promise<void> {
    const { mail, store, clock } = this.options;
    const mailer = (this.options.mailer ?? (() => createSmtpMailer(mail.smtp)))();
    try {
      await deliverOutbox({
        outbox: store.outbox,
        marks: store.notifyMarks,
        mailer,
        from: mail.from,
        clock,
        log,
        maxAgeMs: mail.outboxMaxAgeMs,
      });
    } catch (error) {
      log.error({ event: 'notify.delivery_failed', err: error }, 'Could not work through the outbox');
    } finally {
      mailer.close();
    }
  }
}
