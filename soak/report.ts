import type { SoakResult } from './soak-run.js';
import type { WireCounts } from './stats.js';

// The soak's printout: what the year held (churn, faults injected and seen on the wire, kills,
// uploads, mail), then each check with its first problems, then the verdict.

const PROBLEMS_SHOWN = 8;

export function formatReport(result: SoakResult): string {
  const { stats, churn } = result;
  const lines: string[] = [];
  const scheduled = result.days.length - result.settleRuns;
  lines.push(`sis-sync soak, seed ${result.seed} (repeat with: npm run soak -- --seed ${result.seed})`);
  lines.push(
    `Year: ${scheduled} of ${result.daysPlanned} scheduled runs, one per school day, then ${result.settleRuns} settling run(s); ${stats.processes} sis-sync processes in ${minutes(result.durationMs)}`,
  );
  if (result.incomplete) lines.push(`INCOMPLETE: ${result.incomplete}`);
  lines.push(
    `Churn: enrolments +${churn.enrolmentsAdded} −${churn.enrolmentsDropped}; ${churn.arrivals} arrivals, ${churn.unknownArrivals} of them unknown to AspirEDU at first (${churn.becameKnown} known later); ${churn.leavers} leavers; ${churn.schoolMoves} school moves; ${churn.sectionsCancelled} sections cancelled`,
  );
  lines.push(`Faults injected (days): ${counted(result.days.flatMap((d) => d.faults))}`);
  lines.push(`On the wire: PowerSchool ${wire(result.wire.powerschool)}; ${result.tokensIssued} tokens issued`);
  lines.push(`             AspirEDU ${wire(result.wire.aspiredu)}`);
  const planned = result.days.flatMap((d) => d.kills);
  lines.push(
    `Kills (SIGKILL, then restart): ${planned.filter((k) => k.happened).length} of ${planned.length} planned (${counted(planned.filter((k) => k.happened).map((k) => k.point))})`,
  );
  lines.push(`Processes: ${[...stats.exitCodes].map(([exit, n]) => `${exit} ×${n}`).join(', ')}`);
  lines.push(
    `Uploads: ${result.uploads.total} (${Object.entries(result.uploads.byStatus)
      .map(([status, n]) => `${status} ${n}`)
      .join(
        ', ',
      )}); answer lost and found in the list ${stats.event('upload.adopted')}, resumed after a restart ${stats.event('upload.resumed')}, never reached AspirEDU ${stats.event('upload.abandoned')}, still processing at the poll timeout ${stats.event('upload.timeout')}; HTTP retries ${stats.event('http.retry')}`,
  );
  lines.push(
    `Mail: ${result.emails} digests received, ${stats.lateDigests.size} of them sent late from the outbox; runs held by the guard ${stats.event('run.held')}, holds released ${stats.event('hold.released')}`,
  );
  lines.push('', 'Checks:');
  for (const check of result.checks) {
    lines.push(`  ${check.ok ? 'PASS' : 'FAIL'}  ${check.name} (${check.summary})`);
    for (const problem of check.problems.slice(0, PROBLEMS_SHOWN)) lines.push(`          - ${problem}`);
    if (check.problems.length > PROBLEMS_SHOWN) lines.push(`          … and ${check.problems.length - PROBLEMS_SHOWN} more`);
  }
  lines.push('', `Result: ${soakPassed(result) ? 'PASS' : 'FAIL'}`);
  return lines.join('\n');
}

export function soakPassed(result: SoakResult): boolean {
  return result.incomplete === undefined && result.checks.every((c) => c.ok);
}

function wire(counts: WireCounts): string {
  return `${counts.requests} requests: ${counts.serverErrors} 5xx, ${counts.throttled} 429, ${counts.dropped} dropped, ${counts.unauthorized} 401`;
}

function counted(items: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return (
    [...counts]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([item, n]) => `${item} ${n}`)
      .join(', ') || 'none'
  );
}

function minutes(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
