import { describe, expect, it } from 'vitest';
import { cliSetup } from '../helpers/cli-setup.js';
import { runCli } from '../helpers/cli.js';

describe('sis-sync drift', () => {
  it("finds changes made behind the service's back, and reconciles them", async () => {
    const setup = await cliSetup({
      sim: {
        processingDelayMs: 2,
        pageSize: 2,
        students: ['s1', 's2', 's3', 's9'].map((sisId) => ({ sisId })),
        viewers: [{ sisId: 't1' }],
      },
      students: [
        ['A', 's1'],
        ['A', 's2'],
        ['A', 'ghost'],
        ['B', 's3'],
      ],
      viewers: [['A', 't1', true]],
    });
    const { sim, env } = setup;
    await runCli(['once'], env);
    const none = await runCli(['drift'], env);
    expect(none.stdout).toContain('No drift: 3 managed dashboards match');
    expect(none.code).toBe(0);

    // An administrator edits dashboards in the web application.
    const a = sim.model.dashboard('', 'A')!;
    const s2 = [...sim.model.students.values()].find((u) => u.sisId === 's2')!;
    const s9 = [...sim.model.students.values()].find((u) => u.sisId === 's9')!;
    a.students.delete(s2.id);
    a.students.add(s9.id);
    for (const id of a.viewers.keys()) a.viewers.set(id, false);
    sim.model.dashboardOrCreate('', 'Made by hand');

    const plain = await runCli(['drift'], env);
    expect(plain.code).toBe(4); // drift found: a monitoring check alerts on it
    const drift = await runCli(['drift', '--json'], env);
    expect(drift.code).toBe(4);
    const report = JSON.parse(drift.stdout) as { entries: Array<Record<string, unknown>>; unmanaged: unknown[] };
    expect(report.entries.filter((e) => e.state !== 'in-sync')).toEqual([
      { dataType: 'student', account: '', name: 'A', state: 'drifted', addedInWeb: ['s9'], removedInWeb: ['s2'], allyChangedInWeb: [] },
      { dataType: 'viewer', account: '', name: 'A', state: 'drifted', addedInWeb: [], removedInWeb: [], allyChangedInWeb: ['t1'] },
    ]);
    expect(report.unmanaged).toEqual([{ account: '', name: 'Made by hand' }]);

    const reconcile = await runCli(['drift', '--reconcile'], env);
    expect(reconcile.code).toBe(0);
    expect(reconcile.stdout).toContain('2 dashboards to upload (2 reconciled after drift)');
    expect(sim.model.memberIds('', 'A', 'student')).toEqual(['s1', 's2']);
    expect(sim.model.viewerAllies('', 'A')).toEqual({ t1: true });
    expect((await runCli(['drift'], env)).stdout).toContain('No drift');
  });
});
