import { join } from 'node:path';
import Database from 'better-sqlite3';
import { result, type CheckResult } from './check-result.js';

// The state database at the end: no digest waiting in the outbox (every one reached the mail
// server, late or not), no upload left in flight, no run left "running".

export function checkStateAtEnd(stateDir: string): CheckResult[] {
  const db = new Database(join(stateDir, 'sis-sync.db'), { readonly: true, fileMustExist: true });
  try {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const outbox = count(`SELECT COUNT(*) AS n FROM notify_outbox`);
    const inFlight = count(`SELECT COUNT(*) AS n FROM uploads WHERE phase IN ('sending', 'polling')`);
    const running = count(`SELECT COUNT(*) AS n FROM runs WHERE outcome = 'running'`);
    const expired = db.prepare(`SELECT value FROM notify_marks WHERE name = 'mail.expired'`).get() as { value: string } | undefined;
    const outboxProblems = [
      ...(outbox > 0 ? [`${outbox} digests still wait in the outbox`] : []),
      ...(expired ? [`${expired.value} digests expired in the outbox without being sent`] : []),
    ];
    const stateProblems = [
      ...(inFlight > 0 ? [`${inFlight} uploads still in flight in the state database`] : []),
      ...(running > 0 ? [`${running} runs still marked running`] : []),
    ];
    return [
      result('The outbox is empty at the end', `${outbox} waiting`, outboxProblems),
      result('Nothing left in flight at the end', `${inFlight} uploads in flight, ${running} runs running`, stateProblems),
    ];
  } finally {
    db.close();
  }
}
