import { describe, expect, it } from 'vitest';
import { compareLines } from '../../bench/compare.js';
import { TINY_DISTRICT } from '../../bench/fixture.js';
import { FULL_BENCH, runBench } from '../../bench/harness.js';
import { reportLines } from '../../bench/report.js';

// The whole benchmark on a district of a few hundred students, so that the bench cannot rot
// unnoticed. Numbers, not timings: what it counts must add up; how fast it ran is not checked.

describe('npm run bench, on a tiny district', () => {
  it('measures the three figures, and both flows leave AspirEDU as desired', { timeout: 120_000 }, async () => {
    const result = await runBench({
      ...FULL_BENCH,
      district: TINY_DISTRICT,
      latencyMs: 2,
      extractionRuns: 1,
      maxPageSize: 100,
      mappingRuns: 1,
      syntheticMemberships: 10_000,
      syntheticRuns: 1,
      churnShare: 0.02,
    });

    const { extraction, mapping, uploads, fixture } = result;
    expect(extraction.rows).toBeGreaterThan(fixture.activeStudents);
    expect(extraction.floorMs).toBeCloseTo((extraction.requests * 2) / extraction.concurrency, 0);
    expect(extraction.pageSize).toBe(100);

    const [own, synthetic, smallHeap] = mapping.cases;
    expect(mapping.cases.map((c) => c.nodeFlags)).toEqual([[], [], ['--optimize-for-size']]);
    expect(smallHeap?.memberships).toBe(synthetic?.memberships);
    expect(own?.memberships).toBe(fixture.memberships.student + fixture.memberships.viewer);
    expect(own?.peakRssMB).toBeGreaterThanOrEqual(own?.rssBeforeMB ?? Infinity);
    expect(synthetic?.memberships).toBeGreaterThan(9_000);
    expect(synthetic?.memberships).toBeLessThan(11_000);

    const [first, same, churn] = uploads.scenarios;
    expect(first?.engine.outcome).toBe('success');
    expect(first?.engine.dashboards).toBe(first?.desiredDashboards);
    expect(first?.engine.uploads).toBeGreaterThan(0);
    expect(first?.naive.uploads).toBe(first?.desiredDashboards);
    // One POST and at least one GET per naive upload; the engine polls each of its uploads too.
    expect(first?.naive.requests).toBeGreaterThanOrEqual(2 * (first?.naive.uploads ?? 0));
    expect(first?.engine.requests).toBeGreaterThanOrEqual(2 * (first?.engine.uploads ?? 0));
    expect(same?.engine).toMatchObject({ uploads: 0, requests: 0, dashboards: 0, simulatedMs: 0 });
    expect(same?.naiveChangedOnly?.uploads).toBe(0);
    expect(result.uploads.noChangeMet).toBe(true);
    expect(churn?.engine.dashboards).toBeGreaterThan(0);
    expect(churn?.engine.dashboards).toBeLessThan(churn?.desiredDashboards ?? 0);
    expect(churn?.naiveChangedOnly?.uploads).toBe(churn?.engine.dashboards);
    expect(uploads.engineDashboardsOff).toBe(0);
    expect(uploads.naiveDashboardsOff).toBe(0);
    expect(uploads.engineSettings).toEqual({
      pollIntervalSeconds: 120,
      pollMaxIntervalSeconds: 600,
      maxRowsPerUpload: 20000,
      maxDashboardsPerUpload: 500,
    });

    const text = reportLines(result).join('\n');
    expect(text).toContain('**1. Extraction**');
    expect(text).toContain('| first sync |');
    expect(compareLines(result, result).some((line) => line.includes('(+0 %)'))).toBe(true);
  });
});
