import { createHash } from 'node:crypto';
import type { StateStore } from '../state/store.js';
import { composeDigest } from './compose/compose-digest.js';
import type { MailSettings } from './mail-settings.js';
import type { DriftNews } from './news.js';

// The scheduled drift check's digest, for the `notify.drift` recipients. The same findings are
// told once: a check that finds what the last one found sends nothing, so that an unmanaged
// dashboard, or an edit nobody wants undone, does not fill an inbox every night.

const MARK = 'drift.lastFingerprint';

export function queueDriftDigest(news: DriftNews, input: { mail: MailSettings; store: StateStore; now: string; host: string }): number {
  const { mail, store, now } = input;
  const marks = store.notifyMarks;
  const fingerprint = fingerprintOf(news);
  if (marks.get(MARK) === fingerprint) return 0;
  const recipients = mail.recipients.drift;
  const nothingToTell = news.drifted.length === 0 && news.unmanaged.length === 0;
  store.transaction(() => {
    if (!nothingToTell && recipients.length > 0) {
      const digest = { district: mail.district, runId: undefined, at: now, outcome: 'drift' as const, drift: news };
      const email = composeDigest(digest, ['drift'], { timeZone: mail.timeZone, identify: mail.identify, host: input.host });
      store.outbox.enqueue({ runId: null, recipients: [...recipients], sections: ['drift'], ...email }, now);
    }
    marks.set(MARK, fingerprint);
  });
  return nothingToTell || recipients.length === 0 ? 0 : 1;
}

function fingerprintOf(news: DriftNews): string {
  const drifted = news.drifted.map((d) => [d.dataType, d.account, d.name, d.addedInWeb, d.removedInWeb, d.allyChangedInWeb, d.missing]);
  return createHash('sha256')
    .update(JSON.stringify([drifted, news.unmanaged]))
    .digest('hex');
}
