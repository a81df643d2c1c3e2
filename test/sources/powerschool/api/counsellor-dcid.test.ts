import { afterEach, describe, expect, it } from 'vitest';
import type { PowerSchoolSim } from '../../../../src/sim/powerschool/server.js';
import { dashboardsOf, mapWith, membersOf, namesOf } from '../../../helpers/mapping.js';
import { psSetup, startPsSim } from '../../../helpers/powerschool.js';

// A counsellor linked to their students by USERS.DCID, as PowerSchool links records: the
// simulator's U_STUDENTSUSERFIELDS.COUNSELOR_DCID, read over real sockets through the schema
// table API, names the viewer of a student-field rule with "fromValue": "dcid".

let sim: PowerSchoolSim;
afterEach(async () => {
  await sim?.close();
});

const caseloads = (field: string, fromValue: string) => ({
  name: 'Counselor caseloads',
  kind: 'student-field',
  field,
  nameTemplate: 'Caseload – {staff.name}',
  viewers: [{ fromValue }],
});

describe('a student field holding a counsellor’s USERS.DCID', () => {
  it('names the same counsellor as their TEACHERNUMBER does, and the counsellor sees the caseload', async () => {
    sim = await startPsSim();
    for (const field of ['STUDENTSDCID', 'COUNSELOR', 'COUNSELOR_DCID']) sim.access.grant({ table: 'U_STUDENTSUSERFIELDS', field });
    const roster = await psSetup(sim, {
      studentFields: ['counselor=U_STUDENTSUSERFIELDS.COUNSELOR', 'counselor_dcid=U_STUDENTSUSERFIELDS.COUNSELOR_DCID'],
    })
      .reader()
      .read();
    const counsellor = sim.db
      .prepare(
        'SELECT u.dcid, u.teachernumber, u.first_name, u.last_name FROM users u WHERE u.dcid = (SELECT counselor_dcid FROM u_studentsuserfields WHERE counselor_dcid IS NOT NULL LIMIT 1)',
      )
      .get() as { dcid: number; teachernumber: string; first_name: string; last_name: string };
    const linked = roster.students.filter((s) => s.fields.counselor_dcid === String(counsellor.dcid));
    expect(linked.length).toBeGreaterThan(0);
    expect(linked.every((s) => s.fields.counselor === counsellor.teachernumber)).toBe(true);

    const byDcid = await mapWith({ rules: [caseloads('counselor_dcid', 'dcid')] }, roster);
    const bySisId = await mapWith({ rules: [caseloads('counselor', 'sisId')] }, roster);
    const name = `Caseload – ${counsellor.first_name} ${counsellor.last_name}`;
    expect(namesOf(byDcid.result)).toContain(name);
    expect(membersOf(byDcid.result, 'viewer', name)).toEqual([counsellor.teachernumber]);
    expect(membersOf(byDcid.result, 'student', name).length).toBeGreaterThan(0);
    expect(dashboardsOf(byDcid.result)).toEqual(dashboardsOf(bySisId.result));
  });
});
