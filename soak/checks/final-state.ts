import type { AspirEduSimModel } from '../../src/sim/aspiredu/model.js';
import type { DesiredState } from '../desired-state.js';
import { desiredMembers } from '../journal.js';
import { describeDifference, result, sameMembers, type CheckResult } from './check-result.js';

// At the end of the year AspirEDU's dashboards hold exactly the desired state of the last day
// (less the people AspirEDU does not know, who cannot be on a dashboard), and every dashboard
// the soak does not expect is empty.

export function checkFinalState(desired: DesiredState, model: AspirEduSimModel): CheckResult {
  const problems: string[] = [];
  let compared = 0;
  for (const dataType of ['student', 'viewer'] as const) {
    const expectedNames = new Set(dataType === 'student' ? desired.students.keys() : desired.viewers.keys());
    const held = [...model.dashboards.values()].filter((d) => (dataType === 'student' ? d.students.size : d.viewers.size) > 0);
    for (const name of new Set([...expectedNames, ...held.map((d) => d.name)])) {
      compared++;
      const expected = new Map(
        [...desiredMembers(desired, dataType, name)].filter(([id]) => model.findUser(dataType, `${dataType}_sis_id`, id) !== undefined),
      );
      const actual =
        dataType === 'student'
          ? new Map(model.memberIds('', name, 'student').map((id) => [id, false]))
          : new Map(Object.entries(model.viewerAllies('', name)));
      if (!sameMembers(expected, actual)) {
        problems.push(`${dataType} dashboard "${name}" in AspirEDU has ${describeDifference(expected, actual)}`);
      }
    }
  }
  return result(
    'AspirEDU’s dashboards equal the desired state',
    `${compared} dashboards compared with SQL over the PowerSchool simulator (${desired.students.size} student, ${desired.viewers.size} viewer dashboards desired)`,
    problems,
  );
}

/** `sis-sync plan --json` after the last run: nothing left to upload, nothing in flight. */
export function checkPlanClean(
  plan: { totals?: { toUpload?: number; byAction?: Record<string, number> }; inFlightUploads?: unknown[] } | undefined,
): CheckResult {
  const problems: string[] = [];
  if (!plan?.totals) problems.push('`sis-sync plan --json` gave no plan');
  else {
    if (plan.totals.toUpload !== 0) {
      const actions = Object.entries(plan.totals.byAction ?? {})
        .filter(([action, n]) => action !== 'unchanged' && n > 0)
        .map(([action, n]) => `${n} ${action}`);
      problems.push(`a fresh plan still has ${plan.totals.toUpload} dashboards to upload (${actions.join(', ')})`);
    }
    if ((plan.inFlightUploads ?? []).length > 0) problems.push(`uploads still in flight: ${(plan.inFlightUploads ?? []).join(', ')}`);
  }
  return result('A fresh `sis-sync plan` has nothing to do', plan?.totals ? `${plan.totals.toUpload} to upload` : 'no plan', problems);
}
