// One line at the bottom of a terminal that says what a long step is doing ("Reading PowerSchool:
// enrollments 12,300 / 339,000 rows"). On a real terminal it is rewritten in place and cleared
// before anything else is written; on a stream that is not a terminal (a test forcing the
// terminal format) each new status is written as a line of its own, and repeats are dropped.

export class StatusLine {
  private shown = '';
  private last = '';

  constructor(private readonly stream: NodeJS.WritableStream & { isTTY?: boolean }) {}

  /** Whether the line is rewritten in place (a real terminal). */
  get inPlace(): boolean {
    return this.stream.isTTY === true;
  }

  show(text: string): void {
    if (text === this.last) return;
    this.last = text;
    if (this.stream.isTTY) {
      this.stream.write(`\r\x1b[K${text}`);
      this.shown = text;
    } else {
      this.stream.write(`${text}\n`);
    }
  }

  /** Removes the status so that a log line or the report starts at the beginning of a clean line. */
  clear(): void {
    this.last = '';
    if (!this.shown) return;
    this.stream.write('\r\x1b[K');
    this.shown = '';
  }
}
