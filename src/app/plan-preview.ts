import type { Settings } from '../config/settings.js';
import type { MembershipSource, SourceResult } from '../desired/ports.js';
import { openStateReadOnly } from '../state/store.js';
import type { UploadRecord } from '../state/uploads.js';
import type { Plan } from '../sync/plan.js';
import { planAgainstState } from '../sync/plan-against-state.js';

// What a run would change, without running it (`sis-sync plan`, the demo): the source read in
// full and planned against what was last uploaded. Writes nothing, not even state: the store is
// opened read-only, and a first sync (no state yet) plans every dashboard as new.

export interface PlanPreview {
  loaded: SourceResult;
  plan: Plan;
  /** Uploads an earlier run left in flight: the next run settles them first, so the plan may shrink. */
  inFlight: UploadRecord[];
  /** No state yet: a first sync. */
  firstSync: boolean;
}

export async function previewPlan(settings: Settings, source: MembershipSource): Promise<PlanPreview> {
  const loaded = await source.load();
  const store = openStateReadOnly(settings.state.dir);
  try {
    const plan = planAgainstState(loaded, store, Date.now(), settings.sync.retryMissingAfterHours * 3_600_000);
    return { loaded, plan, inFlight: store?.uploads.inFlight() ?? [], firstSync: store === undefined };
  } finally {
    store?.close();
  }
}
