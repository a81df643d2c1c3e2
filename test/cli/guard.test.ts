import { describe, expect, it } from 'vitest';
import type { AspirEduSim } from '../../src/sim/aspiredu/server.js';
import { openStateReadOnly } from '../../src/state/store.js';
import { runCli } from '../helpers/cli.js';
import { cliSetup } from '../helpers/cli-setup.js';
import { studentsCsv, writeFile } from '../helpers/temp.js';

// Hold, repeat, approve, override: the safety guard through the real CLI.

let sim: AspirEduSim;

const ids = Array.from({ length: 100 }, (_, i) => `s${String(i).padStart(3, '0')}`);
/** 100 students on 5 dashboards of 20; `drop` students removed from the end. */
const rows = (drop = 0) => ids.slice(0, ids.length - drop).map((id, i): [string, string] => [`Grade ${(i % 5) + 6}`, id]);

async function setup() {
  const setup = await cliSetup({ sim: { processingDelayMs: 2, students: ids.map((sisId) => ({ sisId })) }, students: rows() });
  sim = setup.sim;
  return { dir: setup.dir, env: { ...setup.env, USER: 'tester' } };
}

describe('safety guard through the CLI', () => {
  it('holds a run that removes too much, keeps it held, and applies it once approved', async () => {
    const { dir, env } = await setup();
    expect((await runCli(['once'], env)).code).toBe(0);
    const uploadsBefore = sim.model.uploads.length;

    writeFile(dir, 'students.csv', studentsCsv(rows(15))); // 15 of 100 (15%) > 10%
    const held = await runCli(['once'], env);
    expect(held.code).toBe(3);
    expect(held.stdout).toContain('Run 2: HELD');
    expect(held.stdout).toContain(
      '15 of 100 managed student memberships (15%) would be removed; the limit is 10% per data type (guard.maxRemovalShare)',
    );
    expect(held.stdout).toMatch(/student dashboard "Grade 6": 3 of 20\n\s+s085; s090; s095/);
    expect(held.stdout).toContain('sis-sync approve 2');
    expect(held.stderr).toContain('"event":"run.held"');
    expect(sim.model.uploads.length).toBe(uploadsBefore);

    const again = await runCli(['once'], env);
    expect(again.code).toBe(3);
    expect((await runCli(['status'], env)).stdout).toMatch(
      /HELD: run 2 \(since .*\) uploads nothing until approved: 15 of 100 managed student memberships.*sis-sync approve 2/,
    );
    expect(again.stdout).toContain('the same plan run 2 was held with');
    expect(sim.model.uploads.length).toBe(uploadsBefore);

    const approved = await runCli(['approve', '2'], env);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toMatch(/Held plan of run 2 approved by \S+/);
    expect(approved.stderr).toContain('"event":"guard.approved"');
    expect(sim.model.memberIds('', 'Grade 6', 'student')).toHaveLength(17);

    const store = openStateReadOnly(`${dir}/state`);
    expect(store?.holds.get(2)).toMatchObject({ resolution: 'approved', resolvedRunId: 4 });
    expect(store?.runs.recent(4).map((r) => r.outcome)).toEqual(['success', 'held', 'held', 'success']);
    store?.close();

    expect((await runCli(['approve', '2'], env)).stderr).toMatch(/already closed: approved/);
  });

  it('refuses to approve a plan that changed since, and holds the new one', async () => {
    const { dir, env } = await setup();
    await runCli(['once'], env);
    writeFile(dir, 'students.csv', studentsCsv(rows(15)));
    expect((await runCli(['once'], env)).code).toBe(3);
    writeFile(dir, 'students.csv', studentsCsv(rows(16)));
    const result = await runCli(['approve', '2'], env);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/The plan changed since the run you approved[\s\S]*student dashboard "Grade 10": was \+0 −3, now \+0 −4/);
    expect(result.stdout).toContain('sis-sync approve 3');
  });

  it('lets one run through with --allow-deletes, and logs who did it', async () => {
    const { dir, env } = await setup();
    await runCli(['once'], env);
    writeFile(dir, 'students.csv', studentsCsv(rows(50)));
    const result = await runCli(['once', '--allow-deletes'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Safety guard overridden by \S+ \(--allow-deletes\)/);
    expect(result.stderr).toMatch(/"event":"guard.overridden","by":"[^"]+"/);
    expect(sim.model.memberIds('', 'Grade 6', 'student')).toHaveLength(10);
  });

  it('exits 2 when asked to approve a run that was not held', async () => {
    const { env } = await setup();
    await runCli(['once'], env);
    const result = await runCli(['approve', '1'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Run 1 was not held by the safety guard');
  });

  it('holds a run whose viewers file shrank to one row, though the viewers are a small share of all memberships', async () => {
    // 10 dashboards of 30 students and 2 viewers each: the 20 viewers are 6% of 320 memberships,
    // and every viewer dashboard is smaller than guard.largeDashboardMembers.
    const dashboards = Array.from({ length: 10 }, (_, i) => `Grade ${i + 1}`);
    const studentIds = Array.from({ length: 300 }, (_, i) => `x${i}`);
    const students = dashboards.flatMap((d, i) => studentIds.slice(i * 30, i * 30 + 30).map((id): [string, string] => [d, id]));
    const viewerRows = dashboards.flatMap((d, i) => [0, 1].map((j): [string, string, boolean] => [d, `t${i}-${j}`, false]));
    const setup = await cliSetup({
      sim: { processingDelayMs: 2, students: studentIds.map((sisId) => ({ sisId })), viewers: viewerRows.map(([, sisId]) => ({ sisId })) },
      students,
      viewers: viewerRows,
    });
    sim = setup.sim;
    expect((await runCli(['once'], setup.env)).code).toBe(0);
    const uploadsBefore = sim.model.uploads.length;

    setup.writeViewers(viewerRows.slice(0, 1));
    const held = await runCli(['once'], setup.env);
    expect(held.code).toBe(3);
    expect(held.stdout).toContain(
      '19 of 20 managed viewer memberships (95%) would be removed; the limit is 10% per data type (guard.maxRemovalShare)',
    );
    expect(sim.model.uploads.length).toBe(uploadsBefore);
    expect(sim.model.memberIds('', 'Grade 2', 'viewer')).toHaveLength(2);
  });
});
