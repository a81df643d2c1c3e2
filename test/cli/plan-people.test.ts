import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planCommand } from '../../src/cli/commands/plan.js';
import type { CommandContext } from '../../src/cli/context.js';
import type { Settings } from '../../src/config/settings.js';
import { exitCodeFor, UsageError } from '../../src/errors.js';
import { silentLogger } from '../../src/log/logger.js';
import { createRosterMapper } from '../../src/mapping/mapper.js';
import type { Roster } from '../../src/roster/roster.js';
import { FileSource } from '../../src/sources/file/file-source.js';
import { RosterMembershipSource } from '../../src/sources/roster-source.js';
import { openState } from '../../src/state/store.js';
import type { MembershipSource } from '../../src/desired/ports.js';
import { mappingSettings } from '../helpers/mapping.js';
import { aRoster, aSection, aStaff, aStudent } from '../helpers/roster-builders.js';
import { recordLastUpload } from '../../src/sim/recorded-upload.js';
import { studentsCsv, tempDir, viewersCsv, writeFile } from '../helpers/temp.js';

// `sis-sync plan` in-process, over a roster source built from an in-memory reader and the real
// mapper, against a real SQLite state file: the names and SIS ids added and removed, and
// `--explain`.

const rules = [
  { name: 'Grades', kind: 'school-grade', nameTemplate: '{school.name} – Grade {grade}', viewers: [{ roles: ['staff'] }] },
  { name: 'Teachers', kind: 'teacher', nameTemplate: '{teacher.name} – Students' },
  {
    name: 'Athletics',
    kind: 'student-field',
    field: 'team',
    nameTemplate: 'Athletics – {value}',
    viewers: [{ table: { Football: ['K1'] }, ally: true }],
  },
];

function district(): Roster {
  return aRoster({
    students: [
      aStudent({ key: '1', sisId: '1001', firstName: 'Ana', lastName: 'López', fields: { team: 'Football' } }),
      aStudent({ key: '2', sisId: '1002', firstName: 'Zoë', lastName: "O'Brien", fields: { team: 'Football' } }),
      aStudent({ key: '3', sisId: '1003', firstName: 'Bo', lastName: 'Ng', fields: { team: '' } }),
      aStudent({ key: '4', sisId: null, firstName: 'Nid', lastName: 'Noid', fields: { team: 'Football' } }),
    ],
    staff: [
      aStaff({ key: '7', sisId: 'T7', firstName: 'Jane', lastName: 'Doe' }),
      aStaff({ key: '8', sisId: 'K1', firstName: 'Cory', lastName: 'Coach', schools: [{ schoolId: '100', role: 'staff', active: true }] }),
    ],
    sections: [aSection({ key: 's1', teacherKeys: ['7'], studentKeys: ['1', '2', '4'] })],
  });
}

function contextFor(settings: Settings): { ctx: CommandContext; output: () => string } {
  const lines: string[] = [];
  const ctx: CommandContext = {
    loaded: { settings, file: undefined, warnings: [], masked: () => '{}' },
    settings,
    log: silentLogger(),
    out: (text) => lines.push(text),
  };
  return { ctx, output: () => lines.join('\n') };
}

function rosterSource(settings: Settings, roster: Roster): MembershipSource {
  return new RosterMembershipSource({ description: 'test roster', read: async () => roster }, createRosterMapper(settings, silentLogger()));
}

/** Records what a previous roster would have made as the last successful upload. */
async function syncedBefore(settings: Settings, roster: Roster): Promise<void> {
  const previous = await rosterSource(settings, roster).load();
  const store = openState(settings.state.dir);
  recordLastUpload(store, [...previous.desired.values()]);
  store.close();
}

function setup() {
  const settings = mappingSettings({ rules }, { state: { dir: join(tempDir(), 'state') } });
  return { settings, ...contextFor(settings) };
}

describe('sis-sync plan with a roster source', () => {
  it('lists, per dashboard, the names and SIS ids that a first sync adds', async () => {
    const { settings, ctx, output } = setup();
    expect(await planCommand(ctx, {}, rosterSource(settings, district()))).toBe(0);
    const text = output();
    expect(text).toContain(
      'student dashboard "Athletics – Football" (create):\n  + Ana López (1001), Lincoln High School\n  + Zoë O\'Brien (1002), Lincoln High School',
    );
    expect(text).toContain('viewer dashboard "Athletics – Football" (create):\n  + Cory Coach (K1), Lincoln High School');
    expect(text).toContain('warning: 1 student who would be on a dashboard has no SIS id and was left out: Nid Noid (no SIS id, key 4)');
  });

  it('names who leaves, who arrives and whose ally flag changes since the last upload', async () => {
    const { settings, ctx, output } = setup();
    await syncedBefore(settings, district());
    const now = district();
    now.students[1] = { ...(now.students[1] as Roster['students'][number]), fields: { team: '' } }; // Zoë left the team
    now.students.splice(2, 1); // Bo left the district
    now.students.push(aStudent({ key: '5', sisId: '1005', firstName: 'Łukasz', lastName: 'Nowak', fields: { team: 'Football' } }));
    await planCommand(ctx, {}, rosterSource(settings, now));
    const text = output();
    expect(text).toContain(
      'student dashboard "Athletics – Football" (update):\n  + Łukasz Nowak (1005), Lincoln High School\n  − Zoë O\'Brien (1002), Lincoln High School',
    );
    expect(text).toContain(
      'student dashboard "Lincoln High School – Grade 9" (update):\n  + Łukasz Nowak (1005), Lincoln High School\n  − 1003 (not in the roster)',
    );
    expect(text).not.toContain('dashboard "Jane Doe – Students"');
  });

  it('caps the names per dashboard and says how to see everyone', async () => {
    const { settings, ctx, output } = setup();
    await planCommand(ctx, { names: 1 }, rosterSource(settings, district()));
    expect(output()).toContain(
      '  + Ana López (1001), Lincoln High School\n  … and 1 more (sis-sync plan --explain "Athletics – Football" lists everyone)',
    );
  });

  it('adds the people and the source counts to --json', async () => {
    const { settings, ctx, output } = setup();
    await planCommand(ctx, { json: true }, rosterSource(settings, district()));
    const json = JSON.parse(output()) as { people: Record<string, unknown>; stats: Record<string, number> };
    expect(json.people['student:1001']).toEqual({ name: 'Ana López', school: 'Lincoln High School' });
    expect(json.people['viewer:K1']).toEqual({ name: 'Cory Coach', school: 'Lincoln High School' });
    expect(json.stats.studentsSkippedNoSisId).toBe(1);
  });
});

describe('sis-sync plan --explain', () => {
  it('shows the rule that made the dashboard and why each member is on it', async () => {
    const { settings, ctx, output } = setup();
    await syncedBefore(settings, district());
    const now = district();
    now.students.push(aStudent({ key: '5', sisId: '1005', firstName: 'Łukasz', lastName: 'Nowak', fields: { team: 'Football' } }));
    now.sections[0]?.studentKeys.push('5');
    await planCommand(ctx, { explain: '  Jane Doe –   Students ' }, rosterSource(settings, now));
    expect(output()).toBe(
      [
        'Dashboard "Jane Doe – Students"',
        '  next run, students: update, +1 −0 (2 → 3)',
        '  next run, viewers: unchanged, +0 −0 (1 → 1)',
        'Made by:',
        '  rule "Teachers" (teacher): teacher Jane Doe (T7)',
        'Students (3; + = added by the next run):',
        '    Ana López (1001), Lincoln High School',
        '      rule "Teachers": in ALG1 (Algebra I) section s1, term S1, period 1(A)',
        "    Zoë O'Brien (1002), Lincoln High School",
        '      rule "Teachers": in ALG1 (Algebra I) section s1, term S1, period 1(A)',
        '  + Łukasz Nowak (1005), Lincoln High School',
        '      rule "Teachers": in ALG1 (Algebra I) section s1, term S1, period 1(A)',
        'Viewers (1; + = added by the next run):',
        '    Jane Doe (T7), Lincoln High School, not ally',
        '      rule "Teachers": teaches ALG1 (Algebra I) section s1, term S1, period 1(A) (as not ally)',
        'Notes:',
        '  skipped for lack of a SIS id: student Nid Noid (no SIS id, key 4)',
      ].join('\n'),
    );
  });

  it('lists who leaves a dashboard and says when no rule makes it any more', async () => {
    const { settings, ctx, output } = setup();
    await syncedBefore(settings, district());
    const now = district();
    for (const student of now.students) student.fields = { team: '' };
    await planCommand(ctx, { explain: 'Athletics – Football' }, rosterSource(settings, now));
    const text = output();
    expect(text).toContain('Made by: nothing any more; the next run empties it.');
    expect(text).toContain('Leaving (3; on it at the last successful upload, no rule puts them here now):');
    expect(text).toContain('  − student Ana López (1001), Lincoln High School');
    expect(text).toContain('  − viewer Cory Coach (K1), Lincoln High School');
  });

  it('prints the explanation as JSON', async () => {
    const { settings, ctx, output } = setup();
    await planCommand(ctx, { explain: 'Athletics – Football', json: true }, rosterSource(settings, district()));
    const json = JSON.parse(output()) as {
      dashboards: Array<{ origins: string[]; members: Array<{ id: string; ally: boolean; change: string }> }>;
    };
    expect(json.dashboards[0]?.origins).toEqual(['rule "Athletics" (student-field): team = "Football"']);
    expect(json.dashboards[0]?.members.map((m) => [m.id, m.ally, m.change])).toEqual([
      ['1001', false, 'added'],
      ['1002', false, 'added'],
      ['K1', true, 'added'],
    ]);
  });

  it('refuses a name no rule makes, suggesting similar ones, with exit code 2', async () => {
    const { settings, ctx } = setup();
    const error = await planCommand(ctx, { explain: 'athletics' }, rosterSource(settings, district())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(exitCodeFor(error)).toBe(2);
    expect((error as UsageError).hint).toBe('Names are exact (case and punctuation count). Similar: "Athletics – Football"');
  });

  it('lists ids alone for a rows-file source, which does not know people or why', async () => {
    const { settings, ctx, output } = setup();
    const dir = tempDir();
    const source = new FileSource({
      students: writeFile(
        dir,
        'students.csv',
        studentsCsv([
          ['A', 's1'],
          ['A', 's2'],
        ]),
      ),
      viewers: writeFile(dir, 'viewers.csv', viewersCsv([['A', 't1', false]])),
      account: '',
      allowEmpty: false,
    });
    await planCommand(ctx, {}, source);
    expect(output()).toContain('student dashboard "A" (create):\n  + s1\n  + s2');
    const explained = contextFor(settings);
    await planCommand(explained.ctx, { explain: 'A' }, source);
    expect(explained.output()).toContain(
      'Made by: the source (it does not record why; a rows file holds dashboards ready-made).\nStudents (2; + = added by the next run):\n  + s1\n  + s2',
    );
  });
});
