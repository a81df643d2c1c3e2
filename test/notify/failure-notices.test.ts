import { describe, expect, it } from 'vitest';
import { ApiError, SourceError } from '../../src/errors.js';
import { planFailureNotices } from '../../src/notify/failure-notices.js';
import { observeFailures } from '../../src/notify/observe-failures.js';
import type { NotifyRunOutcome } from '../../src/notify/run-outcome.js';
import type { FailureEpisode } from '../../src/state/failure-episodes.js';
import type { RunReport } from '../../src/sync/run.js';
import { quietRunReport } from '../helpers/run-reports.js';

// Repeat-failure rules without I/O: told when it starts, reminded at most once per interval,
// told once when it ends, and never declared over by a run that could not see it.

const DAY = 24 * 3_600_000;
const T0 = Date.parse('2026-11-20T02:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

function sourceFailure(): NotifyRunOutcome {
  return {
    kind: 'error',
    error: new SourceError('students.csv has 2 bad rows; nothing was uploaded:\n  line 7', {
      code: 'SOURCE_BAD_ROWS',
      hint: 'Fix the export.',
    }),
  };
}

function report(overrides: Partial<RunReport> = {}): NotifyRunOutcome {
  return { kind: 'report', report: quietRunReport(overrides) };
}

function uploadError(apiId: string, message: string, dashboards: string[]): RunReport['uploads'][number] {
  return {
    uploadId: 1,
    apiId,
    status: 'error',
    dataType: 'student',
    account: '',
    dashboards,
    rowCount: 3,
    missing: [],
    error: message,
    missingChanges: undefined,
  };
}

/** Runs the plan and applies it as the notifier would, assuming the digest was sent. */
function step(outcome: NotifyRunOutcome, episodes: FailureEpisode[], now: string) {
  const notices = planFailureNotices(observeFailures(outcome), episodes, now, DAY);
  const sent = new Set(Object.keys(notices.news));
  const next = notices.open.map((e) => (sent.has(e.kind) ? { ...e, lastNotifiedAt: now } : e));
  return { notices, next };
}

describe('repeat failures', () => {
  it('tells a failure when it starts, then only once a day while it lasts, then once when it ends', () => {
    const first = step(sourceFailure(), [], at(0));
    expect(first.notices.news.errors?.started.map((i) => i.title)).toEqual([
      'sis-sync could not read the student information in full, so it uploaded nothing.',
    ]);
    expect(first.notices.news.errors?.started[0]?.hint).toBe('Fix the export.');

    const again = step(sourceFailure(), first.next, at(3_600_000));
    expect(again.notices.news).toEqual({});
    expect(again.next[0]?.runs).toBe(2);

    const nextDay = step(sourceFailure(), again.next, at(DAY));
    expect(nextDay.notices.news.errors?.started).toEqual([]);
    expect(nextDay.notices.news.errors?.ongoing).toEqual([expect.objectContaining({ since: at(0), runs: 3 })]);

    const laterThatDay = step(sourceFailure(), nextDay.next, at(DAY + 3_600_000));
    expect(laterThatDay.notices.news).toEqual({});

    const fixed = step(report(), laterThatDay.next, at(DAY + 7_200_000));
    expect(fixed.notices.news.errors).toEqual({
      started: [],
      ongoing: [],
      recovered: [expect.objectContaining({ since: at(0), runs: 4 })],
    });
    expect(fixed.notices.closed).toHaveLength(1);
    expect(fixed.next).toEqual([]);

    const quiet = step(report(), fixed.next, at(DAY + 10_800_000));
    expect(quiet.notices.news).toEqual({});
  });

  it('recognises the same failure when only ids and counts differ', () => {
    const first = step(
      report({ outcome: 'failed', uploads: [uploadError('0b7c1f8e-1111-4111-8111-111111111111', 'Row 12: bad dashboard', ['A'])] }),
      [],
      at(0),
    );
    expect(first.notices.news.errors?.started).toHaveLength(1);
    const again = step(
      report({ outcome: 'failed', uploads: [uploadError('5d2e9a31-2222-4222-8222-222222222222', 'Row 13: bad dashboard', ['A'])] }),
      first.next,
      at(60_000),
    );
    expect(again.notices.news).toEqual({});
  });

  it('tells a new failure at once, listing the ones still going on beside it', () => {
    const first = step(sourceFailure(), [], at(0));
    const api = new ApiError('AspirEDU answered 401', {
      code: 'API_HTTP_401',
      service: 'aspiredu',
      kind: 'aspiredu',
      status: 401,
      retryable: false,
      mayHaveReachedServer: true,
    });
    const second = step({ kind: 'error', error: api }, first.next, at(60_000));
    // The source error did not happen this time: it ended. The AspirEDU one is new.
    expect(second.notices.news.errors?.started.map((i) => i.detail)).toEqual(['AspirEDU answered 401']);
    expect(second.notices.news.errors?.recovered).toHaveLength(1);
  });

  it('does not call an upload failure over when the run stopped before uploading', () => {
    const first = step(report({ outcome: 'failed', uploads: [uploadError('u-1', 'No mappings found', ['A', 'B'])] }), [], at(0));
    expect(first.notices.news.errors?.started[0]).toMatchObject({
      detail: 'AspirEDU said: No mappings found',
      dashboards: ['A (students)', 'B (students)'],
    });
    const stopped = step(sourceFailure(), first.next, at(60_000));
    expect(stopped.notices.news.errors?.recovered).toEqual([]);
    expect(stopped.notices.news.errors?.ongoing.map((i) => i.title)).toEqual([first.notices.news.errors?.started[0]?.title]);
    expect(stopped.next.map((e) => e.scope).sort()).toEqual(['run', 'upload']);
  });

  it('tells the words of the pipeline for problems other than rejected uploads, once', () => {
    const problem =
      'Upload 9f0c2d4e-3333-4333-8333-333333333333 was still processing after 60 minutes; the next run resumes polling it before uploading anything else';
    const first = step(report({ outcome: 'failed', plan: undefined, problems: [problem] }), [], at(0));
    expect(first.notices.news.errors?.started.map((i) => i.title)).toEqual([problem]);
    const again = step(report({ outcome: 'failed', plan: undefined, problems: [problem.replace('60', '61')] }), first.next, at(60_000));
    expect(again.notices.news).toEqual({});
  });

  it('keeps a failure unnotified when nobody was told, so that it is told once someone is', () => {
    const notices = planFailureNotices(observeFailures(sourceFailure()), [], at(0), DAY);
    const unsent = notices.open; // the caller did not send: lastNotifiedAt stays null
    const again = planFailureNotices(observeFailures(sourceFailure()), unsent, at(60_000), DAY);
    expect(again.news.errors?.ongoing).toHaveLength(1);
  });
});
