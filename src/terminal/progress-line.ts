import type { ProgressReporter, UploadWait } from '../util/progress.js';
import type { StatusLine } from './status-line.js';

// Progress as one status line on a terminal. Reads show rows so far per query; an upload that
// is waited for shows how long it has waited and when the next poll is, counted down each second
// (the poll wait is 2 minutes by default: silence that long looks like a hang).

const numbers = new Intl.NumberFormat('en-US');

export class TerminalProgress implements ProgressReporter {
  private wait: UploadWait | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly line: StatusLine,
    private readonly now: () => number = Date.now,
  ) {}

  rowsRead(source: string, what: string, rows: number, total: number | undefined): void {
    this.stopTicking();
    // Not rewritten in place, a line per page would be thousands of lines: only each read's end.
    if (!this.line.inPlace && (total === undefined || rows < total)) return;
    const count = total === undefined ? `${numbers.format(rows)} rows so far` : `${numbers.format(rows)} / ${numbers.format(total)} rows`;
    this.line.show(`Reading ${source}: ${what} ${count}`);
  }

  uploadWaiting(wait: UploadWait): void {
    this.wait = wait;
    this.render();
    if (!this.timer && this.line.inPlace) {
      this.timer = setInterval(() => this.render(), 1000);
      this.timer.unref();
    }
  }

  idle(): void {
    this.stopTicking();
    this.line.clear();
  }

  private render(): void {
    const wait = this.wait;
    if (!wait) return;
    const now = this.now();
    const status = wait.status ? `, last status ${wait.status}` : '';
    this.line.show(
      `Waiting for AspirEDU to process ${wait.dataType} upload ${wait.apiId} (${wait.dashboards} dashboards${status}): ` +
        `waited ${duration(now - wait.since)}, next poll in ${duration(wait.nextPollAt - now)}`,
    );
  }

  private stopTicking(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.wait = undefined;
  }
}

/** 0:07, 2:05, 1:02:05. */
export function duration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
