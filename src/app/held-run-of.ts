import type { HeldRun } from '../notify/held-run.js';
import { personKey } from '../desired/ports.js';
import type { RunReport } from '../sync/run.js';

/**
 * The digest's view of a held run: why, and who each dashboard would lose, named from the
 * roster when the source knows people. The run to approve is the one first held with this
 * plan, so that a hold repeated night after night keeps one approval command.
 */
export function heldRunOf(report: RunReport): HeldRun {
  const guard = report.guard;
  return {
    runId: guard?.heldRunId ?? report.runId,
    reasons: (guard?.findings ?? []).map((f) => ({ kind: f.kind, check: f.check, scope: f.scope, message: f.message })),
    dashboards: (report.plan?.changes ?? [])
      .filter((c) => c.removed.length > 0)
      .map((c) => ({
        dataType: c.dataType,
        account: c.account,
        name: c.name,
        before: c.before,
        after: c.after,
        losing: c.removed.map((id) => {
          const person = report.people?.get(personKey(c.dataType, id));
          return person ? { id, name: person.name, school: person.school } : { id };
        }),
      })),
  };
}
