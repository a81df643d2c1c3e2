import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../src/notify/compose/compose-digest.js';
import type { SectionName } from '../../src/notify/news.js';
import { clearSecrets, registerSecret } from '../../src/log/secrets.js';
import { AT, baseDigest, heldRun } from './fixtures.js';

// What each kind of news says, in the text part and the HTML part, from digests built by hand.

const options = { timeZone: 'America/Chicago', host: 'sync01' };

function compose(digest: ReturnType<typeof baseDigest>, sections: SectionName[]) {
  return composeDigest(digest, sections, options);
}

describe('digest composition', () => {
  it('errors: new problems with what to do, reminders with since when, and fixes', () => {
    const email = compose(
      baseDigest({
        outcome: 'failed',
        errors: {
          started: [
            {
              title: 'AspirEDU rejected the upload of 2 dashboards; they keep their previous members and are sent again with the next run.',
              detail: 'AspirEDU said: No mappings found',
              dashboards: ['Grade 9 (students)', 'Grade 10 (students)'],
              since: AT,
              runs: 1,
            },
          ],
          ongoing: [
            {
              title: 'sis-sync could not read the student information in full, so it uploaded nothing.',
              hint: 'Fix the export.',
              since: '2026-11-20T08:00:00.000Z',
              runs: 9,
            },
          ],
          recovered: [{ title: 'sis-sync could not work with AspirEDU', since: '2026-11-19T08:00:00.000Z', runs: 2 }],
        },
      }),
      ['errors'],
    );
    expect(email.subject).toBe('Springfield USD: sis-sync run 42 failed — 1 new problem, 1 problem still going on, 1 problem fixed');
    expect(email.text).toContain('Springfield USD: sis-sync run 42 ended with problems at Mon, Nov 23, 2026, 7:05 AM CST.');
    expect(email.text).toContain('New (1)');
    expect(email.text).toContain('AspirEDU said: No mappings found');
    expect(email.text).toContain('  - Grade 9 (students)\n  - Grade 10 (students)');
    expect(email.text).toContain('What to do: Fix the export.');
    expect(email.text).toContain('Since Fri, Nov 20, 2026, 2:00 AM CST, 9 runs.');
    expect(email.text).toContain('no longer happening (it went on from Thu, Nov 19, 2026, 2:00 AM CST, 2 runs)');
    expect(email.html).toContain('AspirEDU said: No mappings found');
    expect(email.html).toContain('<li style="margin:2px 0;">Grade 10 (students)</li>');
  });

  it('missing users: new with name and school, still missing counted, no longer missing said once', () => {
    const email = compose(
      baseDigest({
        missingUsers: {
          fresh: [
            {
              dataType: 'student',
              account: '',
              userId: '100234',
              name: 'Ana Lopez',
              school: 'Lincoln High',
              dashboards: ['Grade 9', 'Advisory 3'],
              firstSeenAt: AT,
            },
            { dataType: 'viewer', account: '', userId: 'T-9', dashboards: ['Grade 9'], firstSeenAt: AT },
          ],
          still: [
            { dataType: 'student', account: '', userId: '100111', dashboards: ['Grade 10'], firstSeenAt: '2026-11-01T13:00:00.000Z' },
          ],
          noLongerMissing: [
            {
              dataType: 'student',
              account: '',
              userId: '100999',
              name: 'Ben Ode',
              school: 'Lincoln High',
              dashboards: [],
              firstSeenAt: AT,
              resolution: 'found',
            },
          ],
        },
      }),
      ['missingUsers'],
    );
    expect(email.subject).toBe('Springfield USD: sis-sync run 42 done — 2 new people unknown to AspirEDU, 1 person no longer missing');
    expect(email.text).toContain('New since the last report (2)');
    expect(email.text).toMatch(/Ana Lopez \(student\)\s+100234\s+Lincoln High\s+Grade 9, Advisory 3/);
    expect(email.text).toMatch(/a staff member\s+T-9\s+-\s+Grade 9/);
    expect(email.text).toContain('Still missing (1)');
    expect(email.text).toMatch(/No longer missing \(1\)[\s\S]*Ben Ode \(student\)\s+100999\s+AspirEDU knows them now/);
    expect(email.text).toContain('In all, 3 people unknown to AspirEDU.');
    expect(email.html).toContain('<td style="');
    expect(email.html).toMatch(/Ana Lopez \(student\)<\/td><td[^>]*>100234<\/td><td[^>]*>Lincoln High<\/td>/);
  });

  it('changes: each dashboard with added, removed and size, never who', () => {
    const email = compose(
      baseDigest({
        changes: {
          dashboards: [
            { dataType: 'student', account: '', name: 'Grade 9', action: 'update', added: 3, removed: 1, allyChanged: 0, after: 120 },
            { dataType: 'viewer', account: '', name: 'Grade 9', action: 'create', added: 2, removed: 0, allyChanged: 0, after: 2 },
            { dataType: 'student', account: '', name: 'Closed', action: 'empty', added: 0, removed: 7, allyChanged: 0, after: 0 },
            { dataType: 'student', account: '', name: 'Grade 11', action: 'resumed' },
          ],
          added: 5,
          removed: 8,
        },
      }),
      ['changes'],
    );
    expect(email.subject).toBe('Springfield USD: sis-sync run 42 done — 4 dashboards changed (+5, -8)');
    expect(email.text).toContain('4 dashboards changed in AspirEDU: 5 members added, 8 members removed.');
    expect(email.text).toMatch(/Grade 9\s+students\s+updated\s+3\s+1\s+120/);
    expect(email.text).toMatch(/Grade 9\s+viewers\s+new\s+2\s+0\s+2/);
    expect(email.text).toMatch(/Closed\s+students\s+emptied\s+0\s+7\s+0/);
    expect(email.text).toMatch(/Grade 11\s+students\s+finished \(started by an earlier run\)\s+-\s+-\s+-/);
    expect(email.html).toMatch(/<td style="[^"]*text-align:right;">120<\/td>/);
  });

  it('held: which dashboards would lose whom, and the command that approves the run', () => {
    const email = compose(baseDigest({ outcome: 'held', held: { run: heldRun(), since: AT, runs: 1, lifted: false } }), ['held']);
    expect(email.subject).toBe('Springfield USD: sis-sync run 42 held, approval needed — would remove 4 members from 2 dashboards');
    expect(email.text).toContain('RUN 42 WAS HELD: NOTHING WAS UPLOADED');
    expect(email.text).toContain('The plan removes 412 of 1,980 student memberships (21 %); the limit is 10 %.');
    expect(email.text).toMatch(/Lincoln High — Grade 9\s+students\s+300\s+297\s+3/);
    expect(email.text).toMatch(/Counsellors \(account east\)\s+viewers\s+4\s+3\s+1/);
    expect(email.text).toContain('  - Student 0, Lincoln High (id 10000)');
    expect(email.text).toContain('  - id T-77');
    expect(email.text).toContain('    sis-sync approve 42');
    expect(email.html).toContain('sis-sync approve 42</td>');
    expect(email.html).toContain('font-family:Consolas');
  });

  it('held: names only the first members of a long list, and counts the rest', () => {
    const email = compose(baseDigest({ outcome: 'held', held: { run: heldRun(400), since: AT, runs: 3, lifted: false } }), ['held']);
    expect(email.text).toContain('  - Student 24, Lincoln High (id 10024)');
    expect(email.text).not.toContain('Student 25,');
    expect(email.text).toContain('… and 375 more (the command sis-sync plan lists them all).');
    expect(email.text).toContain('(3 runs)');
  });

  it('held: says when a hold has ended', () => {
    const email = compose(baseDigest({ held: { since: AT, runs: 4, lifted: true } }), ['held']);
    expect(email.subject).toBe('Springfield USD: sis-sync run 42 done — hold ended');
    expect(email.text).toContain('THE HOLD HAS ENDED');
    expect(email.text).toContain('(4 runs)');
  });

  it('heartbeat: all is well, with what sis-sync manages', () => {
    const email = compose(
      baseDigest({ heartbeat: { since: '2026-11-16T13:05:00.000Z', runs: 168, dashboards: 40, memberships: 5230, stillMissing: 2 } }),
      ['heartbeat'],
    );
    expect(email.subject).toBe('Springfield USD: sis-sync is running, all is well — 168 runs, nothing to report');
    expect(email.text).toContain('Since Mon, Nov 16, 2026, 7:05 AM CST, sis-sync has run 168 times and nothing needed your attention.');
    expect(email.text).toContain('It manages 40 dashboards with 5,230 memberships; 2 people still unknown to AspirEDU.');
  });

  it('puts the sections in order of urgency, and a footer naming the server', () => {
    const digest = baseDigest({
      outcome: 'failed',
      errors: { started: [{ title: 'Broken', since: AT, runs: 1 }], ongoing: [], recovered: [] },
      changes: {
        dashboards: [{ dataType: 'student', account: '', name: 'A', action: 'create', added: 1, removed: 0, allyChanged: 0, after: 1 }],
        added: 1,
        removed: 0,
      },
    });
    const email = compose(digest, ['errors', 'changes']);
    expect(email.text.indexOf('PROBLEMS')).toBeLessThan(email.text.indexOf('DASHBOARDS CHANGED'));
    expect(email.text).toContain('Sent by sis-sync on sync01 after run 42.');
    expect(email.subject).toBe('Springfield USD: sis-sync run 42 failed — 1 new problem, 1 dashboard changed (+1, -0)');
  });
});

describe('digest HTML', () => {
  const digest = baseDigest({
    outcome: 'held',
    held: {
      run: {
        ...heldRun(),
        dashboards: [
          { dataType: 'student', account: '', name: '<script>alert(1)</script> & "Co"', before: 2, after: 1, losing: [{ id: '<b>x</b>' }] },
        ],
      },
      since: AT,
      runs: 1,
      lifted: false,
    },
  });
  const email = composeDigest(digest, ['held'], options);

  it('is self-contained: inline styles, tables, nothing fetched from elsewhere', () => {
    expect(email.html).not.toMatch(/<style|<link|<script|<img|src=|url\(|@import|https?:\/\//i);
    expect(email.html).toContain('<table role="presentation" width="680"');
    expect(email.html).not.toMatch(/class=/);
    for (const cell of email.html.match(/<(td|th)[^>]*>/g) ?? []) expect(cell).toContain('style="');
  });

  it('escapes what comes from the source', () => {
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
    expect(email.html).toContain('id &lt;b&gt;x&lt;/b&gt;');
    expect(email.text).toContain('<script>alert(1)</script> & "Co"');
  });

  it('scrubs a registered secret that slipped into a message', () => {
    registerSecret('hunter2-smtp-password');
    try {
      const leaked = composeDigest(
        baseDigest({
          outcome: 'failed',
          errors: {
            started: [{ title: 'Broken', detail: 'login hunter2-smtp-password refused', since: AT, runs: 1 }],
            ongoing: [],
            recovered: [],
          },
        }),
        ['errors'],
        options,
      );
      expect(`${leaked.subject}${leaked.text}${leaked.html}`).not.toContain('hunter2-smtp-password');
      expect(leaked.text).toContain('login [redacted] refused');
    } finally {
      clearSecrets();
    }
  });
});
