import { afterEach, describe, expect, it } from 'vitest';
import { startAspirEduSim, type AspirEduSim } from '../../src/sim/aspiredu/server.js';

// The simulator's behaviour must match AspirEDU's documents (seeds 000-002), since every other
// test trusts it.

let sim: AspirEduSim;

afterEach(async () => {
  await sim?.close();
});

async function start(options: Parameters<typeof startAspirEduSim>[0] = {}) {
  sim = await startAspirEduSim({
    processingDelayMs: 1,
    subaccounts: ['north'],
    students: ['s1', 's2', 's3'].map((sisId) => ({ sisId })),
    viewers: [{ sisId: 't1' }, { sisId: 't2', id: '77' }],
    ...options,
  });
  return sim;
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${sim.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function upload(dataType: 'student' | 'viewer', policy: string, data: unknown[], account = '') {
  const created = await call('POST', `/detective/api/v2/dashboard/upload/${account ? `?account=${account}` : ''}`, {
    data_type: dataType,
    clear_existing_policy: policy,
    data,
  });
  await sim.idle();
  return (await call('GET', `/detective/api/v2/dashboard/upload/${String(created.json.id)}/`)).json;
}

const s = (dashboard: string, id: string) => ({ dashboard_name: dashboard, student_sis_id: id });
const v = (dashboard: string, id: string, ally = false) => ({ dashboard_name: dashboard, viewer_sis_id: id, viewer_is_ally: ally });

describe('AspirEDU simulator policies', () => {
  it('none appends', async () => {
    await start();
    await upload('student', 'none', [s('A', 's1')]);
    await upload('student', 'none', [s('A', 's2')]);
    expect(sim.model.memberIds('', 'A', 'student')).toEqual(['s1', 's2']);
  });

  it('contained replaces only the dashboards named, only for its data type', async () => {
    await start();
    await upload('student', 'none', [s('A', 's1'), s('B', 's2')]);
    await upload('viewer', 'none', [v('A', 't1')]);
    await upload('student', 'contained', [s('A', 's3')]);
    expect(sim.model.memberIds('', 'A', 'student')).toEqual(['s3']);
    expect(sim.model.memberIds('', 'B', 'student')).toEqual(['s2']);
    expect(sim.model.memberIds('', 'A', 'viewer')).toEqual(['t1']);
  });

  it('all replaces every dashboard of the account for its data type', async () => {
    await start();
    await upload('student', 'none', [s('A', 's1'), s('B', 's2')]);
    await upload('student', 'none', [s('A', 's1')], 'north');
    await upload('viewer', 'none', [v('B', 't1')]);
    await upload('student', 'all', [s('C', 's3')], 'north');
    expect(sim.model.memberIds('north', 'A', 'student')).toEqual([]);
    expect(sim.model.memberIds('', 'A', 'student')).toEqual(['s1']);
    await upload('student', 'all', [s('C', 's3')]);
    expect(sim.model.memberIds('', 'A', 'student')).toEqual([]);
    expect(sim.model.memberIds('', 'B', 'student')).toEqual([]);
    expect(sim.model.memberIds('', 'C', 'student')).toEqual(['s3']);
    expect(sim.model.memberIds('', 'B', 'viewer')).toEqual(['t1']);
  });

  it('empties a dashboard with a contained upload of an unknown id, as the reference describes', async () => {
    await start();
    await upload('student', 'none', [s('A', 's1')]);
    const detail = await upload('student', 'contained', [s('A', 'does-not-exist')]);
    expect(detail.status).toBe('success_missing');
    expect(detail.missing).toEqual({ student_sis_id: ['does-not-exist'] });
    expect(sim.model.memberIds('', 'A', 'student')).toEqual([]);
  });

  it('keys missing users by the id field each row used, and can use the other documented spelling', async () => {
    await start({ missingStatus: 'success_with_missing' });
    const detail = await upload('viewer', 'none', [
      { dashboard_name: 'A', viewer_id: '999', viewer_is_ally: true },
      v('A', 'x9'),
      { dashboard_name: 'A', viewer_id: '77', viewer_is_ally: true },
    ]);
    expect(detail.status).toBe('success_with_missing');
    expect(detail.missing).toEqual({ viewer_id: ['999'], viewer_sis_id: ['x9'] });
    expect(sim.model.viewerAllies('', 'A')).toEqual({ t2: true });
  });

  it('answers the documented 400, 401 and 404 bodies', async () => {
    await start();
    expect(
      await call('POST', '/detective/api/v2/dashboard/upload/', { data_type: '', clear_existing_policy: 'none', data: [s('A', '1')] }),
    ).toEqual({
      status: 400,
      json: { data_type: ['This field may not be blank.'] },
    });
    expect(await call('POST', '/detective/api/v2/dashboard/upload/', { data_type: 'student', clear_existing_policy: 'none' })).toEqual({
      status: 400,
      json: { non_field_errors: ['Must supply either a file or data.'] },
    });
    expect((await call('GET', '/detective/api/v2/dashboard/upload/x/')).json).toEqual({ detail: 'Not found.' });
    expect(await call('GET', '/detective/api/v2/dashboard/upload/', undefined, { authorization: 'Bearer wrong' })).toEqual({
      status: 401,
      json: { detail: 'Invalid token.' },
    });
    expect((await call('GET', '/detective/api/v2/dashboard/upload/?account=south')).status).toBe(400);
  });

  it('lists uploads without error and missing, and details with them', async () => {
    await start();
    await upload('student', 'none', [s('A', 'nobody')]);
    const list = await call('GET', '/detective/api/v2/dashboard/upload/');
    const item = (list.json.results as Array<Record<string, unknown>>)[0];
    expect(item).not.toHaveProperty('missing');
    expect(item).not.toHaveProperty('error');
    expect(item?.file_url).toMatch(/\/__files\//);
  });

  it('holds uploads while told to, and fails the next ones when told to', async () => {
    await start();
    sim.holdUploads = true;
    const held = await call('POST', '/detective/api/v2/dashboard/upload/', {
      data_type: 'student',
      clear_existing_policy: 'none',
      data: [s('A', 's1')],
    });
    await new Promise((r) => setTimeout(r, 20));
    expect((await call('GET', `/detective/api/v2/dashboard/upload/${String(held.json.id)}/`)).json.status).toBe('uploading');
    sim.holdUploads = false;
    sim.failNextUploads(1, 'No mappings found');
    sim.releaseHeldUploads();
    await sim.idle();
    const detail = (await call('GET', `/detective/api/v2/dashboard/upload/${String(held.json.id)}/`)).json;
    expect(detail).toMatchObject({ status: 'error', error: { message: 'No mappings found' } });
  });
});

describe('AspirEDU simulator v1 dashboard students', () => {
  it('PUT replaces, PATCH augments, both answer missing students; an empty upload is 422', async () => {
    await start();
    await upload('student', 'none', [s('Old', 's3')]);
    const put = await call(
      'PUT',
      '/detective/api/dashboard/student/',
      'dashboard_name,student_id,student_sis_id\nFootball,,s1\nFootball,,4\n',
      { 'content-type': 'text/csv; charset=utf-8' },
    );
    expect(put).toEqual({ status: 200, json: { detail: 'Some students could not be found.', missing: { student_sis_id: ['4'] } } });
    expect(sim.model.memberIds('', 'Old', 'student')).toEqual([]);
    await call('PATCH', '/detective/api/dashboard/student/', [{ dashboard_name: 'Football', student_sis_id: 's2' }]);
    expect(sim.model.memberIds('', 'Football', 'student')).toEqual(['s1', 's2']);
    expect(await call('PUT', '/detective/api/dashboard/student/', [])).toEqual({
      status: 422,
      json: { detail: 'No dashboard mappings were given.' },
    });
  });
});
