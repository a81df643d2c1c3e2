import { DATA_TYPES } from '../desired/data-types.js';
import type { RunChangeSet } from '../state/snapshot-history.js';
import { dashboardKeyString, type DashboardMembers } from '../desired/model.js';
import type { MembershipSource, SourceResult } from '../desired/ports.js';

// The dashboards one run changed, as they were before it: what `sis-sync rollback` uploads.
// Dashboards the run created did not exist before, so rolling back empties them.

export class RollbackSource implements MembershipSource {
  readonly description: string;
  /** The dashboards to plan; every other one is left alone. */
  readonly scope: ReadonlySet<string>;

  constructor(private readonly changeSet: RunChangeSet) {
    this.description = `the snapshots from before run ${changeSet.runId}`;
    this.scope = new Set(changeSet.before.map(dashboardKeyString));
  }

  async load(): Promise<SourceResult> {
    const desired = new Map<string, DashboardMembers>();
    for (const { existed: _existed, ...dashboard } of this.changeSet.before) desired.set(dashboardKeyString(dashboard), dashboard);
    const dataTypes = DATA_TYPES.filter((type) => this.changeSet.before.some((d) => d.dataType === type));
    return { desired, dataTypes, warnings: [], stats: { dashboards: desired.size } };
  }
}
