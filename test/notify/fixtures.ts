import type { HeldRun } from '../../src/notify/held-run.js';
import type { Digest } from '../../src/notify/news.js';

// Digests built by hand, one per kind of news, for the composition tests.

export const AT = '2026-11-23T13:05:00.000Z';

export function baseDigest(overrides: Partial<Digest> = {}): Digest {
  return { district: 'Springfield USD', runId: 42, at: AT, outcome: 'done', ...overrides };
}

export function heldRun(losingPerDashboard = 3): HeldRun {
  return {
    runId: 42,
    reasons: [
      {
        kind: 'threshold',
        check: 'removal-share',
        scope: 'run',
        message: '412 of 1,980 managed memberships (20.8%) would be removed; the limit is 10% (guard.maxRemovalShare)',
      },
    ],
    dashboards: [
      {
        dataType: 'student',
        account: '',
        name: 'Lincoln High — Grade 9',
        before: 300,
        after: 300 - losingPerDashboard,
        losing: Array.from({ length: losingPerDashboard }, (_, i) => ({
          id: `10${String(i).padStart(3, '0')}`,
          name: `Student ${i}`,
          school: 'Lincoln High',
        })),
      },
      { dataType: 'viewer', account: 'east', name: 'Counsellors', before: 4, after: 3, losing: [{ id: 'T-77' }] },
    ],
  };
}
