import { chmodSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError, describeError, SourceError } from '../../src/errors.js';
import { clearSecrets, registerSecret, scrubSecrets } from '../../src/util/secrets.js';
import { silentLogger } from '../../src/log/logger.js';
import { createRosterMapper } from '../../src/mapping/mapper.js';
import type { Roster } from '../../src/roster/roster.js';
import { captureLog } from '../helpers/log-capture.js';
import { mappingSettings, membersOf, namesOf } from '../helpers/mapping.js';
import { aRoster, aStudent } from '../helpers/roster-builders.js';
import { tempDir, writeFile } from '../helpers/temp.js';

// mapping.module: a JavaScript module from Roster to rows, checked like a rows file.

const roster = aRoster({
  students: [aStudent({ key: '1', fields: { homeroom: '101' } }), aStudent({ key: '2', fields: { homeroom: '102' } })],
});

const HOMEROOMS = `
export default function (roster) {
  return {
    students: roster.students.map((s) => ({ dashboard_name: 'Homeroom ' + s.fields.homeroom, student_sis_id: s.sisId })),
    viewers: [
      { dashboard_name: 'Homeroom 101', viewer_sis_id: 'T1', viewer_is_ally: false },
      { dashboard_name: 'Board', viewer_sis_id: 'B1', viewer_is_ally: 'yes', account: 'board' },
    ],
  };
}
`;

function moduleFile(source: string, name = 'rules.mjs'): string {
  return writeFile(tempDir(), name, source);
}

async function mapWithModule(path: string, rules: unknown[] = [], input: Roster = roster, extra: Record<string, unknown> = {}) {
  return createRosterMapper(mappingSettings({ rules, module: path, ...extra }), silentLogger())(input);
}

async function failure(path: string, rules: unknown[] = []): Promise<Error> {
  try {
    await mapWithModule(path, rules);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the mapping to fail');
}

describe('mapping.module', () => {
  it("adds the module's rows to the rules' dashboards, with an account where a row names one", async () => {
    const result = await mapWithModule(moduleFile(HOMEROOMS), [{ name: 'All', kind: 'static', nameTemplate: 'Everyone' }]);
    expect(namesOf(result)).toEqual(['Everyone', 'Homeroom 101', 'Homeroom 102']);
    expect(membersOf(result, 'student', 'Homeroom 101')).toEqual(['S1']);
    expect(membersOf(result, 'viewer', 'Board', 'board')).toEqual(['B1']);
    expect(result.stats.moduleRows).toBe(4);
    const [explained] = result.provenance?.explain('Homeroom 101') ?? [];
    expect(explained?.origins).toEqual(['mapping.module rules.mjs (students)', 'mapping.module rules.mjs (viewers)']);
    expect(explained?.members[0]?.reasons).toEqual([{ origin: 'mapping.module rules.mjs', because: 'students item 1' }]);
  });

  it('works alone, as a named export, async, or as CommonJS', async () => {
    const named = moduleFile(
      `export async function mapRoster(r) { return { students: [{ dashboard_name: 'A', student_sis_id: r.students[0].sisId }] }; }`,
    );
    expect(namesOf(await mapWithModule(named))).toEqual(['A']);
    const cjs = moduleFile(`module.exports = (r) => ({ students: [{ dashboard_name: 'B', student_id: 42 }] });`, 'rules.cjs');
    const result = await mapWithModule(cjs);
    expect([...result.desired.values()].map((d) => [d.name, d.idField, [...d.members.keys()]])).toEqual([['B', 'student_id', ['42']]]);
  });

  it('rejects bad rows the way a rows file does: by item and field, and nothing is used', async () => {
    const bad = moduleFile(`export default () => ({
      students: [{ dashboard_name: 'A', student_sis_id: '1' }, { dashboard_name: '  ', student_sis_id: '2' }, { dashboard_name: 'B', student_sis_id: '' }],
    });`);
    const error = await failure(bad);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ code: 'SOURCE_BAD_ROWS' });
    expect(error.message).toContain('mapping.module rules.mjs has 2 bad rows; nothing was uploaded');
    expect(error.message).toContain('rules.mjs (students) item 2, field dashboard_name: must not be empty');
    expect(error.message).toContain('rules.mjs (students) item 3, field student_sis_id: must not be empty');
    const header = await failure(
      moduleFile(`export default () => ({ viewers: [{ dashboard_name: 'A', viewer_sis_id: '1', viewer_is_ally: true, role: 'x' }] });`),
    );
    expect(header.message).toBe('rules.mjs (viewers) does not have the viewer row format: unknown column "role"');
    const ally = await failure(
      moduleFile(`export default () => ({ viewers: [{ dashboard_name: 'A', viewer_sis_id: '1', viewer_is_ally: 'maybe' }] });`),
    );
    expect(ally.message).toContain('rules.mjs (viewers) item 1, field viewer_is_ally: expected true or false, got "maybe"');
  });

  it('says what it expected when the module returns the wrong shape', async () => {
    for (const [body, what] of [
      ['return [];', 'returned a list'],
      ['return undefined;', 'returned undefined'],
      ['return { students: [], teachers: [] };', 'returned an object with "teachers"'],
      ["return { students: 'x' };", 'returned string "x" as students'],
    ] as const) {
      const error = await failure(moduleFile(`export default () => { ${body} }`));
      expect(error).toMatchObject({ code: 'MAPPING_MODULE_BAD_OUTPUT' });
      expect(error.message).toContain(
        `mapping.module rules.mjs ${what}; expected { students: [dashboard_name, student_sis_id or student_id]`,
      );
    }
  });

  it('reports an error the module throws, one it cannot load, and a module without a function', async () => {
    const thrown = await failure(moduleFile(`export default () => { throw new Error('no homeroom table'); }`));
    expect(thrown).toBeInstanceOf(SourceError);
    expect(thrown).toMatchObject({ code: 'MAPPING_MODULE_FAILED', message: 'mapping.module rules.mjs failed: no homeroom table' });
    const syntax = await failure(moduleFile(`export default (roster => {`));
    expect(syntax).toBeInstanceOf(ConfigError);
    expect(syntax).toMatchObject({ code: 'MAPPING_MODULE_LOAD', key: 'mapping.module' });
    const none = await failure(moduleFile(`export const rows = [];`));
    expect(none).toMatchObject({ code: 'MAPPING_MODULE_EXPORT', message: expect.stringContaining('exports no function') });
    const missing = await failure(join(tempDir(), 'nope.mjs'));
    expect(missing).toMatchObject({ code: 'MAPPING_MODULE_MISSING', message: expect.stringContaining('cannot be read: ENOENT') });
  });

  it('keeps a registered secret out of logs and messages when the module throws one', async () => {
    const secret = 'pg-pass-7f3a91c0';
    registerSecret(secret);
    try {
      const captured = captureLog();
      const path = moduleFile(`export default () => { throw new Error('cannot connect as admin:${secret}'); }`);
      const mapper = createRosterMapper(mappingSettings({ module: path }), captured.log);
      const error = await Promise.resolve()
        .then(() => mapper(roster))
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'MAPPING_MODULE_FAILED' });
      captured.log.error({ event: 'run.failed', err: error }, 'Run failed');
      expect(captured.text()).toContain('cannot connect as admin:[redacted]');
      expect(captured.text()).not.toContain(secret);
      expect(scrubSecrets(describeError(error))).toBe(
        'mapping.module rules.mjs failed: cannot connect as admin:[redacted]\n  → The error comes from the module itself; nothing was uploaded.',
      );
    } finally {
      clearSecrets();
    }
  });

  it('refuses to run a module every user of the machine may change', async () => {
    const path = moduleFile(HOMEROOMS);
    chmodSync(path, 0o666);
    const error = await failure(path);
    expect(error).toMatchObject({ code: 'MAPPING_MODULE_UNSAFE', hint: `chmod o-w ${path}` });
  });

  it('cannot change the roster the rules read', async () => {
    const vandal = moduleFile(
      `export default (r) => { for (const s of r.students) { s.sisId = null; s.enrollStatus = 'inactive'; } r.students.length = 0; return {}; }`,
    );
    const result = await mapWithModule(vandal, [{ name: 'All', kind: 'static', nameTemplate: 'Everyone' }]);
    expect(membersOf(result, 'student', 'Everyone')).toEqual(['S1', 'S2']);
    expect(result.provenance?.explain('Everyone')[0]?.members).toHaveLength(2);
  });

  it('picks up a changed module on the next run without a restart', async () => {
    const dir = tempDir();
    const path = writeFile(dir, 'rules.mjs', `export default () => ({ students: [{ dashboard_name: 'Old', student_sis_id: '1' }] });`);
    const mapper = createRosterMapper(mappingSettings({ module: path }), silentLogger());
    expect(namesOf(await mapper(roster))).toEqual(['Old']);
    writeFile(dir, 'rules.mjs', `export default () => ({ students: [{ dashboard_name: 'New', student_sis_id: '1' }] });`);
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect(namesOf(await mapper(roster))).toEqual(['New']);
  });

  it('is found relative to the config file, and merges or collides with rules like a rule', async () => {
    const dir = tempDir();
    writeFile(dir, 'rules.mjs', HOMEROOMS);
    const file = writeFile(
      dir,
      'sis-sync.json',
      JSON.stringify({
        mapping: { module: './rules.mjs', onCollision: 'fail', rules: [{ name: 'HR', kind: 'static', nameTemplate: 'Homeroom 101' }] },
      }),
    );
    const settings = loadConfig({ file, env: {} }).settings;
    expect(settings.mapping.module).toBe(join(dir, 'rules.mjs'));
    await expect(createRosterMapper(settings, silentLogger())(roster)).rejects.toThrow(
      'Dashboard "Homeroom 101" is made by rule "HR" (the whole district) and by mapping.module rules.mjs; mapping.onCollision is "fail"',
    );
  });

  it('is required when there are no rules: an empty mapping would empty every dashboard', () => {
    expect(() => createRosterMapper(mappingSettings({}), silentLogger())).toThrow(
      expect.objectContaining({ code: 'MAPPING_NO_RULES', key: 'mapping.rules' }) as Error,
    );
  });
});
