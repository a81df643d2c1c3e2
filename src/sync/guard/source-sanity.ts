import type { GuardLimits } from './limits.js';
import type { CensusDataset, SourceCensus } from '../../desired/ports.js';
import { percent, type GuardFinding } from '../../desired/guard-findings.js';

// Signs that the source, not the district, changed: a dataset that came back empty, a school
// whose students all vanished, a jump in people without an id. Compared with the census of the
// last run that read the source.

export function checkSourceSanity(current: SourceCensus, previous: SourceCensus | undefined, limits: GuardLimits): GuardFinding[] {
  if (!previous) return [];
  const findings: GuardFinding[] = [];
  for (const dataset of ['students', 'staff', 'sections'] as CensusDataset[]) {
    if (previous.datasets[dataset] > 0 && current.datasets[dataset] === 0) {
      findings.push({
        check: dataset === 'students' ? 'no-students' : 'dataset-missing',
        kind: 'source',
        scope: dataset,
        message: `The source returned no ${dataset} (${previous.datasets[dataset]} last time); a failed export or query, not a district without ${dataset}`,
      });
    }
  }
  for (const [school, count] of Object.entries(previous.studentsBySchool).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (count > 0 && !(current.studentsBySchool[school] ?? 0) && current.datasets.students > 0) {
      findings.push({
        check: 'school-emptied',
        kind: 'source',
        scope: school,
        message: `${school} had ${count} active students last time and has none now`,
      });
    }
  }
  if (limits.maxMissingIdShareIncrease > 0) {
    for (const [who, dataset] of [
      ['students', 'students'],
      ['staff', 'staff'],
    ] as const) {
      const before = share(previous.withoutSisId[who], previous.datasets[dataset]);
      const now = share(current.withoutSisId[who], current.datasets[dataset]);
      if (now - before > limits.maxMissingIdShareIncrease) {
        findings.push({
          check: 'missing-ids-jump',
          kind: 'source',
          scope: who,
          message: `${percent(now)} of ${who} have no SIS id now, ${percent(before)} last time; check the identity setting and the source (guard.maxMissingIdShareIncrease)`,
        });
      }
    }
  }
  return findings;
}

function share(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}
