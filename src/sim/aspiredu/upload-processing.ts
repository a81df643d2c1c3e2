import { applyUpload } from './apply-upload.js';
import type { AspirEduSimModel, SimUpload } from './model.js';

// When the simulator's uploads end: after a processing time, fixed or growing with the rows, on
// real timers; or, given a clock of its own (a benchmark's simulated time), as soon as that clock
// has passed the time, checked by `finishDue` whenever a request arrives, with no timer at all.

export type ProcessingDelay = number | ((rows: number) => number);

export interface UploadProcessingOptions {
  model: AspirEduSimModel;
  delay: ProcessingDelay;
  missingStatus: 'success_missing' | 'success_with_missing';
  clock?: { now(): number } | undefined;
}

export class UploadProcessing {
  delay: ProcessingDelay;
  private failures: string[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pending = new Set<SimUpload>();
  private readonly idleWaiters: Array<() => void> = [];

  constructor(private readonly options: UploadProcessingOptions) {
    this.delay = options.delay;
  }

  now(): number {
    return this.options.clock?.now() ?? Date.now();
  }

  schedule(upload: SimUpload): void {
    const ms = typeof this.delay === 'function' ? this.delay(upload.rows.length) : this.delay;
    upload.finishAt = this.now() + ms;
    this.pending.add(upload);
    if (this.options.clock) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.finish(upload);
    }, ms);
    this.timers.add(timer);
  }

  /** The next `count` uploads end in status "error" with this message. */
  failNext(count: number, message: string): void {
    this.failures = [...this.failures, ...Array<string>(count).fill(message)];
  }

  /** With a clock of its own: processes, in the order they end, the uploads whose time has come. */
  finishDue(): void {
    const clock = this.options.clock;
    if (!clock) return;
    const now = clock.now();
    const due = [...this.pending].filter((upload) => (upload.finishAt as number) <= now);
    for (const upload of due.sort((a, b) => (a.finishAt as number) - (b.finishAt as number))) this.finish(upload);
  }

  idle(): Promise<void> {
    this.finishDue();
    return this.pending.size === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }

  private finish(upload: SimUpload): void {
    this.pending.delete(upload);
    const failure = this.failures.shift();
    if (failure !== undefined) {
      upload.status = 'error';
      upload.error = { message: failure };
    } else {
      applyUpload(this.options.model, upload, this.options.missingStatus);
    }
    if (this.pending.size === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }
}
