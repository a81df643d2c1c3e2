import { afterEach, describe, expect, it } from 'vitest';
import { startAspirEduSim, type AspirEduSim } from '../../src/sim/aspiredu/server.js';
import { runCli } from '../helpers/cli.js';
import { studentsCsv, tempDir, viewersCsv, writeFile } from '../helpers/temp.js';

let sim: AspirEduSim;
afterEach(async () => {
  await sim?.close();
});

describe('sis-sync drift', () => {
  it("finds changes made behind the service's back, and reconciles them", async () => {
    sim = await startAspirEduSim({
      processingDelayMs: 2,
      pageSize: 2,
      students: ['s1', 's2', 's3', 's9'].map((sisId) => ({ sisId })),
      viewers: [{ sisId: 't1' }],
    });
    const dir = tempDir();
    writeFile(
      dir,
      'students.csv',
      studentsCsv([
        ['A', 's1'],
        ['A', 's2'],
        ['A', 'ghost'],
        ['B', 's3'],
      ]),
    );
    writeFile(dir, 'viewers.csv', viewersCsv([['A', 't1', true]]));
    const config = writeFile(
      dir,
      'c.json',
      JSON.stringify({
        aspiredu: { url: sim.url, pollIntervalSeconds: 0.02 },
        allowInsecureHttp: true,
        state: { dir: './state' },
        source: { files: { students: './students.csv', viewers: './viewers.csv' } },
      }),
    );
    const env = { SIS_SYNC_CONFIG: config, SIS_SYNC_ASPIREDU_TOKEN: sim.token };
    await runCli(['once'], env);
    expect((await runCli(['drift'], env)).stdout).toContain('No drift: 3 managed dashboards match');

    // An administrator edits dashboards in the web application.
    const a = sim.model.dashboard('', 'A')!;
    const s2 = [...sim.model.students.values()].find((u) => u.sisId === 's2')!;
    const s9 = [...sim.model.students.values()].find((u) => u.sisId === 's9')!;
    a.students.delete(s2.id);
    a.students.add(s9.id);
    for (const id of a.viewers.keys()) a.viewers.set(id, false);
    sim.model.dashboardOrCreate('', 'Made by hand');

    const drift = await runCli(['drift', '--json'], env);
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
