import { describe, expect, it } from 'vitest';
import type { AspirEduSim } from '../../src/sim/aspiredu/server.js';
import { runCli } from '../helpers/cli.js';
import { cliSetup } from '../helpers/cli-setup.js';

let sim: AspirEduSim;

async function setup() {
  const setup = await cliSetup({ sim: { students: ['s1', 's2', 's3', 's4', 's5'].map((sisId) => ({ sisId })) } });
  sim = setup.sim;
  return { env: setup.env, writeStudents: setup.writeStudents };
}

describe('history and rollback', () => {
  it('restores the dashboards a run changed as they were before it', async () => {
    const { env, writeStudents } = await setup();
    writeStudents([
      ['A', 's1'],
      ['A', 's2'],
      ['B', 's3'],
    ]);
    await runCli(['once'], env);
    writeStudents([
      ['A', 's1'],
      ['A', 's4'],
      ['C', 's5'],
    ]);
    await runCli(['once'], env);
    expect(sim.model.memberIds('', 'B', 'student')).toEqual([]);

    const history = await runCli(['history'], env);
    expect(history.stdout).toMatch(
      /2\s+once\s+[\d-]+ [\d:]+ \S+\s+success\s+3\s+2\s+2\n\s*1\s+once\s+[\d-]+ [\d:]+ \S+\s+success\s+2\s+3\s+0/,
    );

    const rollback = await runCli(['rollback', '2'], env);
    expect(rollback.code).toBe(0);
    expect(rollback.stdout).toContain('3 dashboards to upload');
    expect(sim.model.memberIds('', 'A', 'student')).toEqual(['s1', 's2']);
    expect(sim.model.memberIds('', 'B', 'student')).toEqual(['s3']);
    expect(sim.model.memberIds('', 'C', 'student')).toEqual([]);

    // The next regular run plans from the source again.
    const plan = await runCli(['plan', '--json'], env);
    expect((JSON.parse(plan.stdout) as { totals: { toUpload: number } }).totals.toUpload).toBe(3);
  });

  it('says when there is nothing to roll back', async () => {
    const { env } = await setup();
    const result = await runCli(['rollback', '7'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Run 7 changed no dashboards/);
  });
});
