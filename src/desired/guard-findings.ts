// What the guard found. A finding of kind "threshold" means the plan would change more than a
// configured limit allows; "source" means the source looks broken (a failure of the source,
// never "everyone left"). Either holds the run.

export type GuardCheck =
  | 'removals'
  | 'removal-share'
  | 'school-removals'
  | 'dashboard-removals'
  | 'additions'
  | 'addition-share'
  | 'no-students'
  | 'school-emptied'
  | 'dataset-missing'
  | 'missing-ids-jump';

export interface GuardFinding {
  check: GuardCheck;
  kind: 'threshold' | 'source';
  /** A data type ("student", "viewer"), a school name, a dataset, or a dashboard. */
  scope: string;
  /** One sentence for the log, the terminal and the digest. */
  message: string;
}

export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
