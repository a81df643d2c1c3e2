import { ROLE_ORDER, type RosterAssembler, type RosterRole, type Rows } from './roster-assembler.js';

// The REST reader's queries overlap, so they can complete in any order; the assembler takes
// them in ROLE_ORDER. Each query's rows are handed over as soon as those of every role before
// it have been, while later queries are still being read, rather than all at the end: the
// roster is then nearly built when the last page arrives, and no query's rows are held longer
// than that. A few thousand rows at a time, so that pages arriving meanwhile are not kept waiting.

const ROWS_PER_TURN = 2_000;

export class OrderedRosterFeed {
  private readonly waiting = new Map<RosterRole, Rows>();
  private next = 0;
  private feeding: Promise<void> = Promise.resolve();

  constructor(private readonly assembler: RosterAssembler) {}

  /**
   * A query's rows, complete. Resolves once they and every role before them are in the
   * assembler (at once when a role before them is still being read); rejects with the
   * assembler's error for a bad row.
   */
  complete(role: RosterRole, rows: Rows, signal?: AbortSignal): Promise<void> {
    this.waiting.set(role, rows);
    this.feeding = this.feeding.then(() => this.drain(signal));
    return this.feeding;
  }

  private async drain(signal: AbortSignal | undefined): Promise<void> {
    for (let role = ROLE_ORDER[this.next]; role && this.waiting.has(role); role = ROLE_ORDER[this.next]) {
      const rows = this.waiting.get(role) as Rows;
      this.waiting.delete(role);
      for (let at = 0; at < rows.length; at++) {
        this.assembler.add(role, rows[at] as Record<string, unknown>);
        if (at % ROWS_PER_TURN === ROWS_PER_TURN - 1) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          signal?.throwIfAborted();
        }
      }
      this.next++;
    }
  }
}
