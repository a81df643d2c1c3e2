import { describe, expect, it } from 'vitest';
import { formatRunReport } from '../../src/cli/report-format.js';
import type { GuardFinding } from '../../src/desired/guard-findings.js';
import type { DashboardChange } from '../../src/sync/plan.js';
import { newRunReport, type RunReport } from '../../src/sync/run.js';

// A held run as the terminal shows it: the approve command first and last, one line per kind
// of reason, and a bounded list of what would be removed.

function dashboardLosing(i: number): DashboardChange {
  const removed = Array.from({ length: 12 }, (_, m) => `s${i}-${m}`);
  return {
    account: '',
    name: `Teacher ${i} – Students`,
    dataType: 'student',
    action: 'update',
    idField: 'student_sis_id',
    added: [],
    removed,
    allyChanged: [],
    before: 20,
    after: 8,
    target: new Map(),
  } as unknown as DashboardChange;
}

function heldReport(dashboards: number): RunReport {
  const changes = Array.from({ length: dashboards }, (_, i) => dashboardLosing(i + 1));
  const findings: GuardFinding[] = [
    {
      check: 'removal-share',
      kind: 'threshold',
      scope: 'run',
      message: `${dashboards * 12} of 4000 managed memberships (9%) would be removed; the limit is 5% (guard.maxRemovalShare)`,
    },
    ...changes.map((c): GuardFinding => ({
      check: 'dashboard-removals',
      kind: 'threshold',
      scope: `student dashboard "${c.name}"`,
      message: `student dashboard "${c.name}" would lose 12 of its 20 members (60%); the limit is 50% for dashboards of 20 or more (guard.maxDashboardRemovalShare)`,
    })),
  ];
  return {
    ...newRunReport(7, 'once'),
    outcome: 'held',
    guard: { findings, decision: 'hold', heldRunId: 7, repeat: false, planChanged: [] },
    ...{
      plan: {
        changes,
        totals: {
          toUpload: dashboards,
          added: 0,
          removed: dashboards * 12,
          allyChanged: 0,
          byAction: { unchanged: 0, update: dashboards },
        },
      },
    },
  } as unknown as RunReport;
}

describe('a held run in the terminal', () => {
  it('says how to approve it first and last, with one line per kind of reason', () => {
    const lines = formatRunReport(heldReport(40)).split('\n');
    expect(lines[0]).toBe('Run 7: HELD');
    expect(lines.slice(0, 3).join('\n')).toContain('To apply this plan once: sis-sync approve 7');
    expect(lines.at(-2)).toBe('  To apply this plan once: sis-sync approve 7');
    expect(lines.at(-1)).toBe('  To let one run through the guard: sis-sync once --allow-deletes');
    const reasons = lines.filter((line) => line.startsWith('    - '));
    expect(reasons).toEqual([
      '    - 480 of 4000 managed memberships (9%) would be removed; the limit is 5% (guard.maxRemovalShare)',
      '    - 40 dashboards over the limit (the limit is 50% for dashboards of 20 or more (guard.maxDashboardRemovalShare)): student dashboard "Teacher 1 – Students", student dashboard "Teacher 2 – Students", student dashboard "Teacher 3 – Students", … and 37 more; e.g. student dashboard "Teacher 1 – Students" would lose 12 of its 20 members (60%)',
    ]);
    expect(lines).toContain('    … and 30 more dashboards (`sis-sync plan` lists them all)');
    expect(lines.length).toBeLessThan(40);
  });
});
