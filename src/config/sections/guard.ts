import type convict from 'convict';

// The safety guard: limits on what one run may remove (or add) before it is held for a person.

export interface GuardSettings {
  guard: {
    maxRemovals: number;
    maxRemovalShare: number;
    minRemovalsForShare: number;
    maxSchoolRemovalShare: number;
    minSchoolMemberships: number;
    maxDashboardRemovalShare: number;
    largeDashboardMembers: number;
    maxAdditions: number;
    maxAdditionShare: number;
    maxMissingIdShareIncrease: number;
  };
  history: {
    keepRuns: number;
  };
}

export const guardSchema: convict.Schema<GuardSettings> = {
  guard: {
    maxRemovals: {
      doc: 'Hold a run that would remove more than this many memberships of one data type (students, viewers), whatever their share; 0 turns this limit off. An ordinary day in a 50,000-student district removes about 2,000',
      format: 'nat',
      default: 5000,
    },
    maxRemovalShare: {
      doc: 'Hold a run that would remove more than this share (0-1) of the memberships it manages of one data type, whatever the size of its dashboards; 0 turns this limit off',
      format: 'share',
      default: 0.1,
    },
    minRemovalsForShare: {
      doc: 'The share limits (data type, school) apply only from this many removals, so that a small district is not held for a handful',
      format: 'nat',
      default: 10,
    },
    maxSchoolRemovalShare: {
      doc: 'Hold a run in which one school would lose more than this share (0-1) of its memberships; 0 turns this limit off',
      format: 'share',
      default: 0.5,
    },
    minSchoolMemberships: {
      doc: 'The per-school limit applies to schools with at least this many managed memberships',
      format: 'nat',
      default: 20,
    },
    maxDashboardRemovalShare: {
      doc: 'Hold a run in which one large dashboard would lose more than this share (0-1) of its members; 0 turns this limit off',
      format: 'share',
      default: 0.5,
    },
    largeDashboardMembers: {
      doc: 'A dashboard counts as large, for the per-dashboard limit, from this many members',
      format: 'nat',
      default: 20,
    },
    maxAdditions: {
      doc: 'Hold a run that would add more than this many memberships of one data type; 0 (the default) turns this limit off',
      format: 'nat',
      default: 0,
    },
    maxAdditionShare: {
      doc: 'Hold a run that would add more than this share (0-1) of the memberships it manages of one data type; 0 (the default) turns this limit off',
      format: 'share',
      default: 0,
    },
    maxMissingIdShareIncrease: {
      doc: 'Hold a run when the share of students or staff without the configured SIS id rises by more than this (0-1) since the last run; 0 turns this check off',
      format: 'share',
      default: 0.05,
    },
  },
  history: {
    keepRuns: {
      doc: 'Applied runs whose change sets (and the snapshots before them) are kept for `sis-sync history` and `rollback`',
      format: 'positive-int',
      default: 30,
    },
  },
};
