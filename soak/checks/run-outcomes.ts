import type { DayRecord } from '../journal.js';
import { result, type CheckResult } from './check-result.js';

// Every scheduled run ended as the day's trouble allows: done, or failed because of a fault
// the soak injected that day (or left lingering), or held on the day the soak made a school
// vanish on purpose. A held run, a failure without an injected cause, or a hung process is a
// finding.

export function checkRunOutcomes(days: readonly DayRecord[]): CheckResult {
  const findings = days.filter((d) => d.verdict === 'failed (unexpected)' || d.verdict === 'held (unexpected)' || d.verdict === 'hung');
  const held = days.filter((d) => d.verdict === 'held (deliberate)').length;
  const failed = days.filter((d) => d.verdict === 'failed (fault injected)').length;
  return result(
    'Every run ended as its injected faults allow',
    `${days.length} runs (scheduled and settling): ${days.length - failed - held - findings.length} done, ${failed} failed from injected faults, ${held} held on purpose`,
    findings.map(
      (d) =>
        `day ${d.day}: ${d.verdict} (exit ${d.runs.at(-1)?.code ?? '?'}; faults: ${d.faults.join(', ') || 'none'})${d.detail ? `: ${d.detail}` : ''}`,
    ),
  );
}
