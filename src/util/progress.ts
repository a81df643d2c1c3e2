// What a long step tells whoever watches: pages read from the source, an upload waited for.
// The engine calls it; a terminal shows it (src/terminal/progress-line.ts); elsewhere it does
// nothing, as the log already records each step.

export interface UploadWait {
  apiId: string;
  dataType: string;
  dashboards: number;
  /** When the wait began and when the next poll is due (epoch ms, the run's clock). */
  since: number;
  nextPollAt: number;
  /** AspirEDU's last answer, if it has answered. */
  status: string | undefined;
}

export interface ProgressReporter {
  /**
   * A page of `what` (a query or table) came in: `rows` read so far of `total`. A read by key
   * does not know its total before it ends: undefined until then, and `rows` when it ends.
   */
  rowsRead(source: string, what: string, rows: number, total: number | undefined): void;
  uploadWaiting(wait: UploadWait): void;
  /** The step being shown ended. */
  idle(): void;
}

export const noProgress: ProgressReporter = { rowsRead: () => undefined, uploadWaiting: () => undefined, idle: () => undefined };
