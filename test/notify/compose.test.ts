import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../src/notify/compose/compose-digest.js';
import type { SectionName } from '../../src/notify/news.js';
import { clearSecrets, registerSecret } from '../../src/util/secrets.js';
import { AT, baseDigest, heldRun } from './fixtures.js';

// What each kind of news says, in the text part and the HTML part, from digests built by hand.

const options = { timeZone: 'America/Chicago', host: 'sync01' };

function compose(digest: ReturnType<typeof baseDigest>, sections: SectionName[]) {
  const email = composeDigest(digest, sections, options);
  // The text part is wrapped at 78 characters: what it says is checked with the lines joined.
  return { ...email, flat: email.text.replace(/\s+/g, ' ') };
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
    expect(email.flat).toContain('Springfield USD: sis-sync run 42 ended with problems at Mon, Nov 23, 2026, 7:05 AM CST.');
    // What to do comes before the details.
    expect(email.flat).toMatch(
      /2 problems need attention \(1 new\)\. What to do: each problem below says what to do\. .* sis-sync status PROBLEMS/,
    );
    expect(email.text).toContain('New (1)');
    expect(email.text).toContain('AspirEDU said: No mappings found');
    expect(email.text).toContain('  - Grade 9 (students)\n  - Grade 10 (students)');
    expect(email.text).toContain('What to do: Fix the export.');
    expect(email.flat).toContain('Since Fri, Nov 20, 2026, 2:00 AM CST, 9 runs.');
    expect(email.flat).toContain('no longer happening (it went on from Thu, Nov 19, 2026, 2:00 AM CST, 2 runs)');
    expect(email.html).toContain('AspirEDU said: No mappings found');
    expect(email.html).toContain('<li>Grade 10 (students)</li>');
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
    expect(email.flat).toMatch(
      /^.*2 new people on dashboards AspirEDU has no account for \(3 people in all\)\. What to do: .* sis-sync missing PEOPLE/,
    );
    expect(email.text).toContain('New since the last report (2)');
    expect(email.text).toContain(
      '  - Ana Lopez (student)\n    Id: 100234; School: Lincoln High; Missing since: Nov 23, 2026, 7:05 AM CST\n    For dashboards: Grade 9; Advisory 3',
    );
    expect(email.text).toContain('  - A staff member\n    Id: T-9; Missing since: Nov 23, 2026, 7:05 AM CST\n    For dashboard: Grade 9\n');
    expect(email.text).toContain('Still missing (1)');
    expect(email.text).toMatch(/No longer missing \(1\)[\s\S]*Ben Ode \(student\)\n\s+Id: 100999; What happened: AspirEDU knows them now/);
    expect(email.text).toContain('In all, 3 people unknown to AspirEDU.');
    expect(email.html).toMatch(
      /<td colspan="3" class="t">Ana Lopez \(student\)<\/td><\/tr>\n<tr class="c"><td>100234<\/td><td>Lincoln High<\/td>/,
    );
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
    // Grade 9's students and viewers are one dashboard, one row.
    expect(email.subject).toBe('Springfield USD: sis-sync run 42 done — 3 dashboards changed (+5, -8)');
    expect(email.flat).toMatch(/^.*3 dashboards changed in AspirEDU: 5 members added, 8 members removed\. Nothing to do: /);
    expect(email.text).toContain('  - Grade 9\n    Students: +3 -1, now 120; Viewers: new, now 2\n');
    expect(email.text).toContain('  - Closed\n    Students: emptied (-7); Viewers: no change\n');
    expect(email.text).toContain('  - Grade 11\n    Students: finished (started by an earlier run); Viewers: no change\n');
    expect(email.html).toContain(
      '<td colspan="2" class="t">Grade 9</td></tr>\n<tr class="c e"><td>+3 -1, now 120</td><td>new, now 2</td></tr>',
    );
  });

  it('held: which dashboards would lose whom, and the command that approves the run', () => {
    const email = compose(baseDigest({ outcome: 'held', held: { run: heldRun(), since: AT, runs: 1, lifted: false } }), ['held']);
    expect(email.subject).toBe('Springfield USD: sis-sync run 42 held, approval needed — would remove 4 members from 2 dashboards');
    // The decision first: what would be removed, where, and the command; then why.
    expect(email.flat).toMatch(
      /^.*Run 42 was held: nothing was uploaded\. It would remove 4 members from 2 dashboards, at 1 school \(Lincoln High: 3\)\. What to do: approve the run only if .* sis-sync approve 42 If these removals are not expected, do not approve: find what changed in the student information system or in sis-sync's mapping rules/,
    );
    expect(email.text.indexOf('sis-sync approve 42')).toBeLessThan(email.text.indexOf('WHY RUN 42 WAS HELD'));
    expect(email.flat).toContain("a change in the student information system or in sis-sync's rules");
    expect(email.flat).not.toContain('export');
    expect(email.text).toContain('More would change than the limits allow\n');
    expect(email.flat).toContain(' - 412 of 1,980 managed memberships (20.8%) would be removed; the limit is 10% (guard.maxRemovalShare) ');
    expect(email.text).toContain('  - Lincoln High — Grade 9\n    Holds: students; Members now: 300; After: 297; Would lose: 3');
    expect(email.text).toContain('  - Counsellors (account east)\n    Holds: viewers; Members now: 4; After: 3; Would lose: 1');
    expect(email.text).toContain('  - Student 0, Lincoln High (id 10000)');
    expect(email.text).toContain('  - id T-77');
    expect(email.text).toContain('    sis-sync approve 42');
    expect(email.html).toContain('>sis-sync approve 42</span>');
    expect(email.html).toContain('font-family:Consolas');
  });

  it('held: names only the first members of a long list, and counts the rest', () => {
    const email = compose(baseDigest({ outcome: 'held', held: { run: heldRun(400), since: AT, runs: 3, lifted: false } }), ['held']);
    expect(email.text).toContain('  - Student 24, Lincoln High (id 10024)');
    expect(email.text).not.toContain('Student 25,');
    expect(email.text).toContain('… and 375 more members; sis-sync plan lists them all.');
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
    expect(email.flat).toContain('Since Mon, Nov 16, 2026, 7:05 AM CST, sis-sync has run 168 times and nothing needed your attention.');
    expect(email.flat).toContain('It manages 40 dashboards with 5,230 memberships; 2 people still unknown to AspirEDU.');
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
    expect(email.flat).toContain('Sent by sis-sync on sync01 after run 42. Times are in America/Chicago.');
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

  it('is self-contained: one <style> in <head>, tables, nothing fetched from elsewhere', () => {
    expect(email.html).not.toMatch(/<link|<script|<img|src=|url\(|@import|https?:\/\//i);
    expect(email.html.match(/<style>/g)).toHaveLength(1);
    expect(email.html.indexOf('<style>')).toBeLessThan(email.html.indexOf('</head>'));
    expect(email.html).toContain('<table role="presentation" width="680"');
    // Styles are not repeated per cell: a data cell carries none of its own.
    expect(email.html).toMatch(/<tr class="c e"><td>students<\/td><td>2<\/td><td>1<\/td><td>1<\/td><\/tr>/);
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
