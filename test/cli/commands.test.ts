import { describe, expect, it } from 'vitest';
import type { AspirEduSim } from '../../src/sim/aspiredu/server.js';
import { runCli } from '../helpers/cli.js';
import { cliSetup } from '../helpers/cli-setup.js';
import { tempDir, writeFile } from '../helpers/temp.js';

let sim: AspirEduSim;

async function setup() {
  const setup = await cliSetup({
    sim: { students: [{ sisId: 's1' }] },
    students: [
      ['A', 's1'],
      ['A', 'ghost'],
    ],
  });
  sim = setup.sim;
  return setup.env;
}

describe('status, uploads and upload', () => {
  it('show runs from the state store and uploads from AspirEDU', async () => {
    const env = await setup();
    expect((await runCli(['status'], env)).stdout).toMatch(/No runs yet/);
    await runCli(['once'], env);

    const status = await runCli(['status'], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/Managed: 1 dashboard, 2 memberships; 1 user unknown to AspirEDU\./);
    expect(status.stdout).toMatch(/1\s+once\s+\d{4}-\d\d-\d\d \d\d:\d\d \S+\s+success\s+1\s+1\s+1/);

    const uploads = await runCli(['uploads', '--status', 'success_missing', '--data-type', 'student', '--json'], env);
    const list = JSON.parse(uploads.stdout) as Array<{ id: string; status: string }>;
    expect(list.map((u) => u.status)).toEqual(['success_missing']);
    expect(sim.requests.at(-1)?.query).toBe('?status=success_missing&data_type=student');

    const detail = await runCli(['upload', list[0]!.id], env);
    expect(detail.stdout).toMatch(/status +success_missing/);
    expect(detail.stdout).toMatch(/missing +student_sis_id: ghost/);

    const notFound = await runCli(['upload', 'nope'], env);
    expect(notFound.code).toBe(1);
    expect(notFound.stderr).toContain('AspirEDU has no upload with the id "nope" (it answered 404)');
    expect(notFound.stderr).toContain('`sis-sync uploads` lists the uploads');
    expect(notFound.stderr).not.toContain('Check the AspirEDU URL');
  });

  it('rejects a bad filter value as a usage error', async () => {
    const env = await setup();
    const result = await runCli(['uploads', '--status', 'finished'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Allowed choices are uploading, error, success/);
  });
});

describe('config check and check', () => {
  it('config check validates, exits 2 on a bad file, and names the key', async () => {
    const env = await setup();
    expect((await runCli(['config', 'check'], env)).code).toBe(0);
    const bad = writeFile(tempDir(), 'bad.json', JSON.stringify({ sync: { maxDashboardsPerUpload: 'many' } }));
    const result = await runCli(['--config', bad, 'config', 'check']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/sync\.maxDashboardsPerUpload: must be a whole number/);
  });

  it('config check reports every problem at once, not only the first', async () => {
    const bad = writeFile(
      tempDir(),
      'three.json',
      JSON.stringify({ aspiredu: { url: 'https://aspiredu.example' }, sync: { maxDashboardsPerUpload: 'many' } }),
    );
    const result = await runCli(['--config', bad, 'config', 'check']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('has 3 problems:');
    expect(result.stderr).toMatch(/- sync\.maxDashboardsPerUpload: must be a whole number/);
    expect(result.stderr).toMatch(/- No rows file is configured: set source\.files\.students/);
    expect(result.stderr).toMatch(/- Missing setting: aspiredu\.token/);
  });

  it('check says what works and what to fix', async () => {
    const env = await setup();
    const ok = await runCli(['check'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/ok {4}Source \(file\): read 1 dashboards/);
    expect(ok.stdout).toMatch(/ok {4}AspirEDU API: token accepted/);
    await sim.close();
    const down = await runCli(['check'], env);
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/FAIL {2}AspirEDU API: .*ECONNREFUSED[\s\S]*Check that this server can reach/);
  });
});

describe('demo', () => {
  it('runs the whole product from the PowerSchool simulator to AspirEDU, with digests, and a second run that uploads nothing', async () => {
    const result = await runCli(['demo']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/District \(generated\): 3 schools, 240 students/);
    expect(result.stdout).toMatch(/== sis-sync plan[\s\S]*Apple Grove Elementary School – Grade 1\s+create/);
    expect(result.stdout).toMatch(/First run[\s\S]*success_missing \(2 unknown to AspirEDU: 100238, 100240\)/);
    expect(result.stdout).toMatch(/Second run[\s\S]*Nothing changed/);
    expect(result.stdout).toMatch(/Digest emails[\s\S]*001\.eml {2}to registrar@demo-district\.example/);
    expect(result.stdout).toMatch(/2 uploads were made in all/);
  });
});
