import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../src/notify/compose/compose-digest.js';
import type { Digest } from '../../src/notify/news.js';
import { benchDigests } from './bench-digests.js';
import { AT, baseDigest, heldRun } from './fixtures.js';

// The plain-text part of every digest filled from the bench-sized district: lines a phone can
// show, what to do before any list, and the same cuts as the HTML part.

const options = { timeZone: 'America/Chicago', host: 'sync01' };
const emails = benchDigests().map(({ kind, sections, digest }) => ({ kind, digest, email: composeDigest(digest, sections, options) }));

/** What a section asks of the reader, by kind: the sentence that opens the action, and the command. */
const FIRST: Record<string, RegExp> = {
  changes: /^15,491 dashboards changed in AspirEDU: [\s\S]*?\n\nNothing to do: /m,
  missing: /^2,000 new people on dashboards AspirEDU has no account for .*[\s\S]*?\n\n {4}sis-sync missing\n/m,
  held: /^Run 1042 was held: nothing was uploaded\. It would remove 289,691 members from\n7,339 dashboards, at 25 schools[\s\S]*?\n\n {4}sis-sync approve 1042\n/m,
  errors: /^40 problems need attention \(30 new\)\.\n\nWhat to do: [\s\S]*?\n\n {4}sis-sync status\n/m,
  drift: /^5,000 dashboards changed in the web application[\s\S]*?\n\n {4}sis-sync drift --reconcile\n/m,
  heartbeat: /^sis-sync is running: 168 runs and nothing that needed your attention\.\n\nNothing to do: /m,
  combined:
    /^40 problems need attention[\s\S]*sis-sync status\n[\s\S]*^2,000 new people[\s\S]*sis-sync missing\n[\s\S]*^15,491 dashboards changed/m,
};

describe('digest plain text at the scale of the bench district', () => {
  for (const { kind, email } of emails) {
    it(`${kind}: no line over 78 characters unless it is one long word`, () => {
      const long = email.text.split('\n').filter((line) => line.length > 78 && line.trim().includes(' '));
      expect(long).toEqual([]);
    });

    it(`${kind}: says what to do before any list`, () => {
      expect(email.text).toMatch(FIRST[kind]!);
      const action = email.text.search(FIRST[kind]!);
      const firstList = email.text.search(/^ {2}- /m);
      expect(action).toBeGreaterThanOrEqual(0);
      if (firstList >= 0) expect(action).toBeLessThan(firstList);
    });
  }

  it('cuts long lists and says how many are left and where to see them all', () => {
    const text = (kind: string) => emails.find((e) => e.kind === kind)!.email.text.replace(/\s+/g, ' ');
    expect(text('changes')).toMatch(/… and [\d,]+ more dashboards; sis-sync history lists them all\./);
    expect(text('missing')).toMatch(/… and [\d,]+ more people; sis-sync missing lists them all\./);
    expect(text('held')).toMatch(/… and [\d,]+ more dashboards; sis-sync plan lists them all\./);
    expect(text('drift')).toMatch(/… and [\d,]+ more dashboards; sis-sync drift lists them all\./);
  });

  it("keeps a dashboard name's own commas apart from the list around it", () => {
    const missing = emails.find((e) => e.kind === 'missing')!;
    const first = missing.digest.missingUsers!.fresh[0]!;
    expect(first.dashboards.some((d) => d.includes(','))).toBe(true);
    expect(missing.email.text.replace(/\s+/g, ' ')).toContain(`For dashboards: ${first.dashboards.join('; ')}`);
  });
});

describe('held digest: the cause is worded from what tripped', () => {
  const compose = (run: ReturnType<typeof heldRun>) =>
    composeDigest(baseDigest({ outcome: 'held', held: { run, since: AT, runs: 1, lifted: false } }), ['held'], options).text.replace(
      /\s+/g,
      ' ',
    );

  it('a source check points at the export', () => {
    const run = heldRun();
    run.reasons.push({
      kind: 'source',
      check: 'school-emptied',
      scope: 'Lincoln High',
      message: 'Lincoln High had 580 active students last time and has none now',
    });
    const text = compose(run);
    expect(text).toContain('do not approve: get the export from the student information system checked');
    // Grouped by kind, the source checks first.
    expect(text.indexOf('The data read looks incomplete')).toBeLessThan(text.indexOf('More would change than the limits allow'));
  });

  it('a limit alone blames no export: a change in the SIS or in the rules, or a large ordinary change', () => {
    const text = compose(heldRun());
    expect(text).toContain(
      "a change in the student information system or in sis-sync's rules (mapping or settings), or an ordinary change that is large",
    );
    expect(text).not.toMatch(/export/i);
  });

  it('a guard reason of a kind it does not know is still listed', () => {
    const run = heldRun();
    run.reasons = [{ kind: 'per-data-type', message: 'viewer memberships would drop by 60%' }];
    const text = compose(run);
    expect(text).toMatch(/Held by the safety guard -+ - viewer memberships would drop by 60%/);
  });

  it("shows the reader's approval link first, then the command for the server", () => {
    const digest: Digest = baseDigest({
      outcome: 'held',
      held: {
        run: { ...heldRun(), reviewLink: 'https://sync.district.test/approve/sl1.abc' },
        since: AT,
        runs: 1,
        lifted: false,
      },
    });
    const email = composeDigest(digest, ['held'], options);
    expect(email.text).toContain(
      'Review and decide (the sis-sync service must be running):\nhttps://sync.district.test/approve/sl1.abc\n\nOr on the server:\n    sis-sync approve 42\n',
    );
    expect(email.text).toMatch(/The\s+link is yours alone: it records your decision under your address\. Do not\s+forward it\./);
    expect(email.html).toContain(
      '<a href="https://sync.district.test/approve/sl1.abc" style="color:#1a56db;font-weight:bold;">Review and decide (the sis-sync service must be running)</a> &nbsp;or on the server:&nbsp; <span class="cmd"',
    );
  });

  it('without web.publicUrl: the command only, for the administrator', () => {
    const email = composeDigest(
      baseDigest({ outcome: 'held', held: { run: heldRun(), since: AT, runs: 1, lifted: false } }),
      ['held'],
      options,
    );
    expect(email.text).toContain('Your sis-sync administrator approves it with:\n\n    sis-sync approve 42\n');
    expect(email.text).not.toContain('Review and decide');
  });
});

describe('notify.identify: "ids"', () => {
  it('names nobody: ids and schools only, in both parts', () => {
    const missing = {
      fresh: [
        {
          dataType: 'student' as const,
          account: '',
          userId: '100234',
          name: 'Ana Lopez',
          school: 'Lincoln High',
          dashboards: ['Grade 9'],
          firstSeenAt: AT,
        },
      ],
      still: [],
      noLongerMissing: [],
    };
    const digest = baseDigest({ outcome: 'held', missingUsers: missing, held: { run: heldRun(), since: AT, runs: 1, lifted: false } });
    const named = composeDigest(digest, ['missingUsers', 'held'], options);
    expect(named.text).toContain('Ana Lopez');
    expect(named.text).toContain('Student 0, Lincoln High (id 10000)');

    const ids = composeDigest(digest, ['missingUsers', 'held'], { ...options, identify: 'ids' });
    for (const part of [ids.text, ids.html, ids.subject]) {
      expect(part).not.toContain('Ana Lopez');
      expect(part).not.toMatch(/Student \d/);
    }
    expect(ids.text).toContain('  - A student\n    Id: 100234; School: Lincoln High;');
    expect(ids.text).toContain('  - id 10000, Lincoln High');
  });
});

describe('times', () => {
  it('are in the given zone, named', () => {
    const email = composeDigest(
      baseDigest({ heartbeat: { since: AT, runs: 1, dashboards: 1, memberships: 1, stillMissing: 0 } }),
      ['heartbeat'],
      {
        timeZone: 'Europe/Berlin',
        host: 'h',
      },
    );
    expect(email.text.replace(/\s+/g, ' ')).toContain('at Mon, Nov 23, 2026, 2:05 PM GMT+1.');
    expect(email.text.replace(/\s+/g, ' ')).toContain('Times are in Europe/Berlin.');
  });
});
