import { describe, expect, it } from 'vitest';
import { TerminalProgress } from '../../src/terminal/progress-line.js';
import { StatusLine } from '../../src/terminal/status-line.js';

// The reading line, for a read that knows its total (a table, counted first) and for a read by
// key, which learns its total only when it ends.

function terminal(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, write: (text: string) => written.push(text) > 0 } as unknown as NodeJS.WritableStream;
  return { progress: new TerminalProgress(new StatusLine(stream)), written };
}

describe('reading progress', () => {
  it('on a real terminal: rows so far while a read by key goes on, then the total', () => {
    const { progress, written } = terminal(true);
    progress.rowsRead('PowerSchool', 'enrollments', 1000, undefined);
    progress.rowsRead('PowerSchool', 'enrollments', 2000, undefined);
    progress.rowsRead('PowerSchool', 'enrollments', 2345, 2345);
    expect(written.map((w) => w.replace('\r\x1b[K', ''))).toEqual([
      'Reading PowerSchool: enrollments 1,000 rows so far',
      'Reading PowerSchool: enrollments 2,000 rows so far',
      'Reading PowerSchool: enrollments 2,345 / 2,345 rows',
    ]);
  });

  it('on a stream that is not rewritten in place: only the end of each read', () => {
    const { progress, written } = terminal(false);
    progress.rowsRead('PowerSchool', 'enrollments', 1000, undefined);
    progress.rowsRead('PowerSchool', 'U_STUDENTSUSERFIELDS', 100, 300);
    progress.rowsRead('PowerSchool', 'U_STUDENTSUSERFIELDS', 300, 300);
    progress.rowsRead('PowerSchool', 'enrollments', 2345, 2345);
    expect(written).toEqual([
      'Reading PowerSchool: U_STUDENTSUSERFIELDS 300 / 300 rows\n',
      'Reading PowerSchool: enrollments 2,345 / 2,345 rows\n',
    ]);
  });
});
