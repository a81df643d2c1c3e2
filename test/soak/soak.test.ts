import { describe, expect, it } from 'vitest';
import { SHORT_SOAK } from '../../soak/options.js';
import { formatReport } from '../../soak/report.js';
import { runSoak } from '../../soak/soak-run.js';

// The short soak: a few dozen runs of the real CLI (18 school days, restarts and settling runs)
// with churn, faults, kills and a deliberate hold, then every check of `npm run soak`. A fixed
// seed, so that a failure here can be repeated with `npm run soak -- --short --seed 202`; this
// one's days include the lost answer with a failing upload list, which failed it before the
// upload sender was fixed.

const SEED = 202;

describe('soak (short)', () => {
  it('keeps AspirEDU in step through a month of churn, faults and kills', async () => {
    const result = await runSoak({ ...SHORT_SOAK, seed: SEED });
    const report = formatReport(result);
    for (const check of result.checks) expect(check.problems, `${check.name}\n\n${report}`).toEqual([]);
    expect(result.incomplete, report).toBeUndefined();
    // Not a quiet month: the checks above saw the trouble they are meant for.
    const kills = result.days.flatMap((d) => d.kills).filter((k) => k.happened);
    expect(kills.length, report).toBeGreaterThanOrEqual(3);
    expect(
      result.days.filter((d) => d.verdict === 'held (deliberate)'),
      report,
    ).toHaveLength(1);
    expect(result.days.flatMap((d) => d.faults).length, report).toBeGreaterThanOrEqual(10);
    expect(result.uploads.total, report).toBeGreaterThanOrEqual(10);
  }, 300_000);
});
