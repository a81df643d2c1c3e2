import type { DriftNews } from '../notify/news.js';
import type { DriftComparison, DriftEntry } from './compare.js';

/** The managed dashboards that do not hold what was uploaded. */
export function driftedEntries(comparison: DriftComparison): DriftEntry[] {
  return comparison.entries.filter((e) => e.state !== 'in-sync');
}

/** The digest's view of a drift check: counts per dashboard, no member lists. */
export function driftNewsOf(comparison: DriftComparison, reconciling: boolean): DriftNews {
  return {
    drifted: driftedEntries(comparison).map((e) => ({
      dataType: e.dataType,
      account: e.account,
      name: e.name,
      addedInWeb: e.addedInWeb.length,
      removedInWeb: e.removedInWeb.length,
      allyChangedInWeb: e.allyChangedInWeb.length,
      missing: e.state === 'missing-in-aspiredu',
    })),
    unmanaged: comparison.unmanaged.map((d) => (d.account ? `${d.name} (account ${d.account})` : d.name)),
    reconciling,
  };
}
