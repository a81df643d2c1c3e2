// What one soak run is: how many simulated school days, how likely each kind of trouble is on
// a day, and how long it may take. The full soak (`npm run soak`) and the short one that
// `npm test` runs differ only here.

export interface FaultRates {
  /** Chance per day of a PowerSchool fault (5xx, 429, dropped connection, outage, token expiry). */
  powerschool: number;
  /** Chance per day of an AspirEDU fault (5xx, 429, dropped connection, lost answer, slow answers). */
  aspiredu: number;
  /** Chance per day that the day's uploads never finish (released one to three days later). */
  heldUploads: number;
  /** Chance per day that the next upload ends in status "error". */
  uploadError: number;
  /** Chance per day that the mail server goes down (for two to six days) or refuses mail for a day. */
  mail: number;
  /** Chance per day that the run is killed with SIGKILL (and restarted). */
  kill: number;
  /**
   * Chance per day that a registrar moves a student's enrolment while sis-sync pages through
   * the enrolments: the read must notice and read them again (docs/sources.md, PowerSchool).
   */
  changeDuringRead: number;
}

export interface ChurnRates {
  /** Enrolment changes per day (added, dropped, moved), drawn from 1 to this. */
  maxEnrolmentChanges: number;
  arrival: number;
  leaving: number;
  schoolMove: number;
  /** A new student AspirEDU does not know yet, who becomes known two to eight days later. */
  unknownArrival: number;
  /** A small section is cancelled and its students moved to other sections (may empty a CS dashboard). */
  sectionCancelled: number;
}

export interface SoakOptions {
  seed: number;
  /** Scheduled runs: one per simulated school day. */
  days: number;
  faults: FaultRates;
  churn: ChurnRates;
  /** The day (0-based) a school vanishes from the source, to see the guard hold; -1: never. */
  deliberateHoldDay: number;
  /** Stop scheduling new days after this long, so that the soak stays bounded; checks still run. */
  budgetMs: number;
  /** Print a line per day. */
  verbose: boolean;
  /** Keep the temporary directory (state database, config) for a look afterwards. */
  keepDir: boolean;
}

export const FULL_SOAK: Omit<SoakOptions, 'seed'> = {
  days: 210,
  faults: { powerschool: 0.22, aspiredu: 0.3, heldUploads: 0.04, uploadError: 0.04, mail: 0.03, kill: 0.2, changeDuringRead: 0.1 },
  churn: {
    maxEnrolmentChanges: 5,
    arrival: 0.35,
    leaving: 0.3,
    schoolMove: 0.08,
    unknownArrival: 0.08,
    sectionCancelled: 0.04,
  },
  deliberateHoldDay: 120,
  budgetMs: 9.5 * 60_000,
  verbose: false,
  keepDir: false,
};

/** A few dozen runs for `npm test`: every kind of trouble is more likely, so that few days see them all. */
export const SHORT_SOAK: Omit<SoakOptions, 'seed'> = {
  ...FULL_SOAK,
  days: 18,
  faults: { powerschool: 0.35, aspiredu: 0.45, heldUploads: 0.1, uploadError: 0.1, mail: 0.12, kill: 0.35, changeDuringRead: 0.25 },
  churn: { ...FULL_SOAK.churn, unknownArrival: 0.25, sectionCancelled: 0.12 },
  deliberateHoldDay: 9,
  budgetMs: 5 * 60_000,
};

/** Days at the end with no new unknown student and no held upload, so that every missing user can be found before the checks. */
export const QUIET_TAIL_DAYS = 10;
