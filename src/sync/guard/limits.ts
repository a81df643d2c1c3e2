// What the guard holds a run for, in its own words: the engine takes these numbers, not the
// settings they come from (config/sections/guard.ts documents each one; app/wiring.ts passes
// settings.guard, which the compiler checks has this shape).

export interface GuardLimits {
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
}
