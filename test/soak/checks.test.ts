import { describe, expect, it } from 'vitest';
import type { SimRow } from '../../src/sim/aspiredu/model.js';
import { missingListsOf } from '../../soak/checks/digest-text.js';
import { checkMissingReports } from '../../soak/checks/missing-reports.js';
import { checkRepeatUploads } from '../../soak/checks/repeat-uploads.js';
import { checkUploadContent } from '../../soak/checks/upload-content.js';
import type { DesiredState } from '../../soak/desired-state.js';
import type { SoakUpload } from '../../soak/journal.js';
import type { CaughtMail } from '../../soak/mail-catcher.js';

// The soak's checks on hand-made histories: each must pass a clean one and catch the fault it
// is there for, or the soak could pass a year that went wrong.

const PLACEHOLDER = 'sis-sync-empty-dashboard';
const RETRY_MS = 1000;

function rows(dashboards: Record<string, string[]>): SimRow[] {
  return Object.entries(dashboards).flatMap(([name, ids]) =>
    ids.map((id) => ({ dashboardName: name, idField: 'student_sis_id', idValue: id, isAlly: false })),
  );
}

function upload(seq: number, day: number, dashboards: Record<string, string[]>, extra: Partial<SoakUpload> = {}): SoakUpload {
  return {
    seq,
    day,
    apiId: `u${seq}`,
    dataType: 'student',
    policy: 'contained',
    rows: rows(dashboards),
    status: 'success',
    missing: {},
    createdMs: seq * 10_000,
    finishedMs: seq * 10_000 + 100,
    ...extra,
  };
}

function desired(students: Record<string, string[]>): DesiredState {
  return { students: new Map(Object.entries(students).map(([name, ids]) => [name, new Set(ids)])), viewers: new Map() };
}

describe('upload content', () => {
  const days = new Map([
    [0, desired({ 'Grade 9': ['1', '2'], 'AP – Smith': ['3'] })],
    [1, desired({ 'Grade 9': ['1', '2'] })],
  ]);

  it('passes uploads that carry their day’s members, and an emptying of a dashboard gone that day', () => {
    const [emptied, content] = checkUploadContent(
      [upload(0, 0, { 'Grade 9': ['1', '2'], 'AP – Smith': ['3'] }), upload(1, 1, { 'AP – Smith': [PLACEHOLDER] })],
      days,
      PLACEHOLDER,
    );
    expect(emptied?.problems).toEqual([]);
    expect(content?.problems).toEqual([]);
  });

  it('catches a dashboard emptied while it should have members, and a half-sent one', () => {
    const [emptied, content] = checkUploadContent(
      [upload(0, 0, { 'Grade 9': [PLACEHOLDER], 'AP – Smith': ['3', '4'] }), upload(1, 1, { 'Grade 9': ['1'] })],
      days,
      PLACEHOLDER,
    );
    expect(emptied?.problems).toEqual(['day 0: upload #0 emptied student dashboard "Grade 9", which should have had 2 members']);
    expect(content?.problems).toEqual([
      'day 0: upload #0 (success) sent student dashboard "AP – Smith" with 1 too many (4)',
      'day 1: upload #1 (success) sent student dashboard "Grade 9" with 1 lacking (2)',
    ]);
  });
});

describe('repeat uploads', () => {
  it('allows a repeat after an error and a due missing-user retry, and nothing else', () => {
    const [repeats, inFlight] = checkRepeatUploads(
      [
        upload(0, 0, { A: ['1'] }, { status: 'error' }),
        upload(1, 0, { A: ['1'] }, { status: 'success_missing', missing: { student_sis_id: ['1'] } }),
        upload(2, 1, { A: ['1'] }, { status: 'success' }),
        upload(3, 2, { A: ['1'], B: ['2'] }),
      ],
      RETRY_MS,
      PLACEHOLDER,
    );
    expect(inFlight?.problems).toEqual([]);
    expect(repeats?.summary).toContain('1 after an error, 1 missing-user retries');
    expect(repeats?.problems).toEqual(['student dashboard "A" sent again unchanged: upload #3 (day 2) repeats #2 (day 1, success)']);
  });

  it('catches a missing-user retry before it was due, and two uploads in flight at once', () => {
    const [repeats, inFlight] = checkRepeatUploads(
      [
        upload(0, 0, { A: ['1'] }, { status: 'success_missing', missing: { student_sis_id: ['1'] }, finishedMs: 50_000 }),
        upload(1, 0, { A: ['1'] }, { createdMs: 500 + 0 }),
      ],
      RETRY_MS,
      PLACEHOLDER,
    );
    expect(repeats?.problems).toEqual([
      'student dashboard "A" sent again unchanged: upload #1 (day 0) repeats #0 (day 0, success_missing, missing users but the retry was not due)',
    ]);
    expect(inFlight?.problems).toEqual(['upload #1 (day 0) arrived while #0 (day 0) was still processing']);
  });
});

const REGISTRAR = 'registrar@district.test';

function digest(day: number, text: string, messageId = `<m${day}@x>`): CaughtMail {
  return { messageId, to: [REGISTRAR], subject: `run ${day}`, text, day };
}

const NEW_100241 = `PEOPLE ASPIREDU DOES NOT KNOW
=============================

New since the last report (1)
-----------------------------

  - Mary Kate O'Brien (student)
    Id: 100241; School: Lakeview High; Missing since: Oct 1, 2026, 5:00 AM CDT
    For dashboard: Lakeview – Grade 9

In all, 1 person unknown to AspirEDU.
`;

const FOUND_100241 = `No longer missing (1)
---------------------

  - Mary Kate O'Brien (student)
    Id: 100241; What happened: AspirEDU knows them now; added to their dashboards
`;

describe('missing-user reports', () => {
  const missingUpload = upload(
    0,
    0,
    { A: ['100241'] },
    { status: 'success_missing', missing: { student_sis_id: ['100241', PLACEHOLDER] } },
  );
  const check = (emails: CaughtMail[]) =>
    checkMissingReports({ emails, recipient: REGISTRAR, uploads: [missingUpload], placeholderId: PLACEHOLDER, unknownAtEnd: new Set() });

  it('reads the ids out of the digest entries', () => {
    expect(missingListsOf(NEW_100241)).toEqual({ new: ['100241'], still: [], noLonger: [], truncated: false });
    expect(missingListsOf(FOUND_100241).noLonger).toEqual(['100241']);
  });

  it('passes one "new" and one "no longer missing", and a digest delivered twice with one Message-ID', () => {
    expect(check([digest(0, NEW_100241), digest(0, NEW_100241), digest(3, FOUND_100241)]).problems).toEqual([]);
  });

  it('catches a person named new twice, never found, or named without being missing', () => {
    const twice = check([digest(0, NEW_100241), digest(1, NEW_100241)]);
    expect(twice.problems).toEqual([
      '100241 (missing since day 0) was named as new 2 times (days 0, 1)',
      '100241 was said to be no longer missing 0 times, expected 1',
    ]);
    const stranger = checkMissingReports({
      emails: [digest(0, NEW_100241.replaceAll('100241', '100999'))],
      recipient: REGISTRAR,
      uploads: [],
      placeholderId: PLACEHOLDER,
      unknownAtEnd: new Set(),
    });
    expect(stranger.problems).toEqual(['100999 was named in a digest, but AspirEDU never said it did not know them']);
  });
});
