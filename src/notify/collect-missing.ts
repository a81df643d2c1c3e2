import type { MissingUserKey, MissingUsersToReport } from '../state/missing-user-reports.js';
import type { MissingUser } from '../state/missing-users.js';
import { personKey, type SourceResult } from '../desired/ports.js';
import type { MissingNews, MissingPerson } from './news.js';

// Missing users worth telling: news only when someone is newly missing or no longer missing;
// those already reported are counted alongside, never news on their own.

export interface MissingNewsDraft {
  news: MissingNews;
  /** Everyone the digest names, to mark as reported once it is queued. */
  named: MissingUserKey[];
}

export function collectMissing(toReport: MissingUsersToReport, people: SourceResult['people']): MissingNewsDraft | undefined {
  if (toReport.fresh.length === 0 && toReport.noLongerMissing.length === 0) return undefined;
  const person = (user: MissingUser): MissingPerson => {
    const known = people?.get(personKey(user.dataType, user.userId));
    return {
      dataType: user.dataType,
      account: user.account,
      userId: user.userId,
      ...(known ? { name: known.name, school: known.school } : {}),
      dashboards: user.dashboards,
      firstSeenAt: user.firstSeenAt,
      ...(user.resolution ? { resolution: user.resolution } : {}),
    };
  };
  return {
    news: {
      fresh: toReport.fresh.map(person),
      still: toReport.still.map(person),
      noLongerMissing: toReport.noLongerMissing.map(person),
    },
    named: [...toReport.fresh, ...toReport.still, ...toReport.noLongerMissing],
  };
}
