import { afterEach, describe, expect, it } from 'vitest';
import { configuredChecks } from '../../src/app/checks.js';
import { describeError } from '../../src/errors.js';
import type { PowerSchoolSim } from '../../src/sim/powerschool/server.js';
import { psSetup, startPsSim } from '../helpers/powerschool.js';

// `sis-sync check` for PowerSchool: the token and one page of each query, read only; absent
// when powerschool.url is not set.

let sim: PowerSchoolSim;
afterEach(async () => {
  await sim?.close();
});

async function runPowerSchoolChecks(setup: ReturnType<typeof psSetup>) {
  const checks = configuredChecks(setup.settings, setup.captured.log).filter((c) => /PowerSchool|PowerQuery/.test(c.name));
  const results: Array<{ name: string; ok: boolean; detail: string }> = [];
  for (const check of checks) {
    try {
      results.push({ name: check.name, ok: true, detail: await check.run() });
    } catch (error) {
      results.push({ name: check.name, ok: false, detail: describeError(error) });
    }
  }
  return results;
}

describe('PowerSchool checks', () => {
  it('report the token, the server and one page of every query', async () => {
    sim = await startPsSim();
    const results = await runPowerSchoolChecks(psSetup(sim));
    expect(results.map((r) => r.name)).toEqual(
      expect.arrayContaining(['PowerSchool token', 'PowerQuery org.sissync.aspiredu.roster.students']),
    );
    expect(results).toHaveLength(7);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.find((r) => r.name.endsWith('roster.sections'))?.detail).toContain('every section has its course');
    expect(results[0]?.detail).toMatch(/token accepted; PowerSchool 24\.7.*maximum page size 40/);
    const pages = sim.requests.filter((r) => r.path.startsWith('/ws/schema/query/') && !r.path.endsWith('/count'));
    expect(pages.every((r) => new URLSearchParams(r.query).get('page') === '1')).toBe(true);
  });

  it('count the sections whose course is found only ignoring case, or not at all', async () => {
    sim = await startPsSim();
    const [first, second] = sim.db.prepare('SELECT id, course_number FROM sections ORDER BY id LIMIT 2').all() as Array<{
      id: number;
      course_number: string;
    }>;
    sim.db.prepare('UPDATE sections SET course_number = ? WHERE id = ?').run(`${first?.course_number}`.toLowerCase(), first?.id);
    sim.db.prepare('UPDATE courses SET course_number = UPPER(course_number) WHERE course_number = ?').run(first?.course_number);
    sim.db.prepare("UPDATE sections SET course_number = 'GONE-1' WHERE id = ?").run(second?.id);
    const results = await runPowerSchoolChecks(psSetup(sim));
    const detail = results.find((r) => r.name.endsWith('roster.sections'))?.detail ?? '';
    expect(detail).toMatch(/\d+ whose course number matches a course only ignoring case/);
    expect(detail).toMatch(/\d+ with no course row/);
  });

  it('say which fields to add when the plugin lacks one', async () => {
    sim = await startPsSim();
    sim.access.revoke({ table: 'USERS', field: 'EMAIL_ADDR' });
    const results = await runPowerSchoolChecks(psSetup(sim));
    const staff = results.find((r) => r.name.endsWith('roster.staff'));
    expect(staff?.ok).toBe(false);
    expect(staff?.detail).toContain('<field table="USERS" field="EMAIL_ADDR" access="ViewOnly"/>');
  });

  it('read each extra student field as the REST source does, and pass when the plugin grants it', async () => {
    sim = await startPsSim();
    for (const field of ['COUNSELOR', 'STUDENTSDCID']) sim.access.grant({ table: 'U_STUDENTSUSERFIELDS', field });
    const results = await runPowerSchoolChecks(psSetup(sim, { studentFields: ['counselor=U_STUDENTSUSERFIELDS.COUNSELOR'] }));
    expect(results.find((r) => r.name === 'PowerSchool student field counselor (U_STUDENTSUSERFIELDS.COUNSELOR)')).toMatchObject({
      ok: true,
      detail: 'readable (a first row read)',
    });
    const read = sim.requests.find((r) => r.path === '/ws/schema/table/u_studentsuserfields');
    expect(new URLSearchParams(read?.query).get('projection')).toBe('studentsdcid,counselor');
  });

  it('name a student field missing from the access request, and say to rebuild the plugin with --config', async () => {
    sim = await startPsSim();
    const results = await runPowerSchoolChecks(psSetup(sim, { studentFields: ['counselor=U_STUDENTSUSERFIELDS.COUNSELOR'] }));
    const field = results.find((r) => r.name.startsWith('PowerSchool student field counselor'));
    expect(field?.ok).toBe(false);
    expect(field?.detail).toContain(
      'powerschool.studentFields "counselor" (U_STUDENTSUSERFIELDS.COUNSELOR): the plugin has no access to U_STUDENTSUSERFIELDS.STUDENTSDCID, U_STUDENTSUSERFIELDS.COUNSELOR',
    );
    expect(field?.detail).toContain('npm run plugin -- --config <your config file>');
    expect(field?.detail).toContain('Plugin Management Dashboard');
  });

  it('name a student field whose table or column PowerSchool does not have, or whose table has no STUDENTSDCID', async () => {
    sim = await startPsSim();
    const results = await runPowerSchoolChecks(
      psSetup(sim, {
        studentFields: ['advisor=U_STUDENTSUSERFIELD.ADVISOR', 'coach=U_STUDENTSUSERFIELDS.COACH', 'home=USERS.HOMESCHOOLID'],
        studentExtensionTables: ['USERS'],
      }),
    );
    const detail = (name: string) => results.find((r) => r.name.startsWith(`PowerSchool student field ${name} `))?.detail;
    expect(detail('advisor')).toContain('"advisor" (U_STUDENTSUSERFIELD.ADVISOR): PowerSchool has no table U_STUDENTSUSERFIELD (HTTP 404)');
    expect(detail('coach')).toContain('"coach" (U_STUDENTSUSERFIELDS.COACH): U_STUDENTSUSERFIELDS has no column COACH (HTTP 400)');
    expect(detail('coach')).toContain('Correct the column name in powerschool.studentFields');
    expect(detail('home')).toContain('USERS has no column STUDENTSDCID, so it is not a one-to-one extension of STUDENTS');
  });

  it('are not there when powerschool.url is not set', async () => {
    sim = await startPsSim({ district: false });
    const setup = psSetup(sim, { url: '' });
    expect(configuredChecks(setup.settings, setup.captured.log).filter((c) => /PowerSchool|PowerQuery/.test(c.name))).toEqual([]);
  });
});
