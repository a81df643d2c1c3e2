import type { Logger } from '../log/logger.js';
import type { Clock } from '../util/clock.js';

// Runs never overlap. A run asked for while one is going is not started beside it: it waits, and
// starts once the current one ends. Several of one kind asked for meanwhile still make one run;
// different kinds (a scheduled run, a drift check) each get theirs, in the order asked.

export type RunJob = (trigger: string) => Promise<void>;

export class RunQueue {
  private current: Promise<void> | undefined;
  private pending: string[] = [];
  private closed = false;
  /** When the run in progress started; undefined when idle. */
  runningSince: number | undefined;

  constructor(
    private readonly job: RunJob,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  get running(): boolean {
    return this.current !== undefined;
  }

  request(trigger: string): void {
    if (this.closed) return;
    if (this.current) {
      // A scheduled run meeting a run in progress deserves a look; the run on start waiting for
      // the resume on start does not.
      if (!this.pending.includes(trigger) && trigger === 'schedule') {
        this.log.warn(
          { event: 'schedule.overlap', trigger, runningSince: new Date(this.runningSince ?? 0).toISOString() },
          'A run was still going when the next one came due; it starts when this one ends',
        );
      }
      if (!this.pending.includes(trigger)) this.pending.push(trigger);
      return;
    }
    this.start(trigger);
  }

  /** Takes no new runs; a run waiting for its turn is dropped. */
  close(): void {
    this.closed = true;
    this.pending = [];
  }

  /** Resolves once no run is going (and none waits). */
  async idle(): Promise<void> {
    while (this.current) await this.current;
  }

  private start(trigger: string): void {
    this.runningSince = this.clock.now();
    this.current = this.job(trigger)
      .catch((error: unknown) => this.log.error({ event: 'daemon.run_crashed', err: error }, 'A run ended with an unexpected error'))
      .finally(() => {
        this.current = undefined;
        this.runningSince = undefined;
        const next = this.pending.shift();
        if (next !== undefined && !this.closed) this.start(next);
      });
  }
}
