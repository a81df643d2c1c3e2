import type { Digest } from '../news.js';

// notify.identify: "ids": the digest names students and staff by id only. Names are taken out
// of the news before anything is written, so that no section can show one by mistake; they
// stay in the state store, and `sis-sync missing` and `sis-sync plan` still show them.

export function withoutNames(digest: Digest): Digest {
  const copy: Digest = { ...digest };
  if (digest.missingUsers) {
    const strip = <T extends { name?: string }>(people: T[]): T[] => people.map(({ name: _name, ...rest }) => rest as T);
    copy.missingUsers = {
      fresh: strip(digest.missingUsers.fresh),
      still: strip(digest.missingUsers.still),
      noLongerMissing: strip(digest.missingUsers.noLongerMissing),
    };
  }
  if (digest.held?.run) {
    const run = digest.held.run;
    copy.held = {
      ...digest.held,
      run: { ...run, dashboards: run.dashboards.map((d) => ({ ...d, losing: d.losing.map(({ name: _name, ...rest }) => rest) })) },
    };
  }
  return copy;
}
