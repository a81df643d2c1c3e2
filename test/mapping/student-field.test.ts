import { describe, expect, it } from 'vitest';
import { createRosterMapper } from '../../src/mapping/mapper.js';
import { silentLogger } from '../../src/log/logger.js';
import { generateDistrict, TEAMS } from '../helpers/district.js';
import { mappingSettings, mapWith, membersOf, namesOf } from '../helpers/mapping.js';
import { aRoster, aSchool, aStaff, aStudent } from '../helpers/roster-builders.js';

const caseloads = {
  name: 'Counselor caseloads',
  kind: 'student-field',
  field: 'counselor',
  nameTemplate: 'Caseload – {staff.name}',
  viewers: [{ fromValue: 'sisId' }],
};

describe('student-field rules', () => {
  it('makes one caseload per counsellor of a generated district, seen by the counsellor the field names', async () => {
    const { roster } = generateDistrict({ seed: 11 });
    const { result } = await mapWith({ rules: [caseloads] }, roster);
    const counsellors = roster.staff.filter((s) => s.sisId?.startsWith('C'));
    for (const counsellor of counsellors) {
      const name = `Caseload – ${counsellor.firstName} ${counsellor.lastName}`.replace(/\s+/g, ' ').trim();
      const expected = roster.students
        .filter((s) => s.enrollStatus === 'active' && s.sisId && s.fields.counselor === counsellor.sisId)
        .map((s) => s.sisId as string)
        .sort();
      expect(membersOf(result, 'student', name), name).toEqual(expected);
      expect(membersOf(result, 'viewer', name)).toEqual([counsellor.sisId]);
    }
  });

  it('matches the value to a staff member by e-mail or by name, whatever the case and spacing', async () => {
    const roster = aRoster({
      students: [
        aStudent({ key: '1', fields: { counselor: 'J.Smith@District.example' } }),
        aStudent({ key: '2', fields: { counselor: 'smith,   jane' } }),
      ],
      staff: [
        aStaff({
          key: '9',
          firstName: 'Jane',
          lastName: 'Smith',
          email: 'j.smith@district.example',
          schools: [{ schoolId: '100', role: 'staff', active: true }],
        }),
      ],
    });
    const byEmail = await mapWith({ rules: [{ ...caseloads, viewers: [{ fromValue: 'email' }] }] }, roster);
    expect(membersOf(byEmail.result, 'student', 'Caseload – Jane Smith')).toEqual(['S1']);
    const byName = await mapWith({ rules: [{ ...caseloads, viewers: [{ fromValue: 'name' }] }] }, roster);
    expect(membersOf(byName.result, 'student', 'Caseload – Jane Smith')).toEqual(['S2']);
    expect(membersOf(byName.result, 'viewer', 'Caseload – Jane Smith')).toEqual(['T9']);
  });

  it("matches the value to a staff member's USERS.DCID (the roster's staff key), written as PowerSchool may send a number", async () => {
    const roster = aRoster({
      students: [
        aStudent({ key: '1', fields: { counselor: '9' } }),
        aStudent({ key: '2', fields: { counselor: ' 9.0 ' } }),
        aStudent({ key: '3', fields: { counselor: 'T9' } }),
        aStudent({ key: '4', fields: { counselor: '8' } }),
      ],
      staff: [
        aStaff({ key: '9', firstName: 'Jane', lastName: 'Smith', schools: [{ schoolId: '100', role: 'staff', active: true }] }),
        aStaff({ key: '8', firstName: 'Gone', lastName: 'Away', schools: [{ schoolId: '100', role: 'staff', active: false }] }),
      ],
    });
    const { result } = await mapWith({ rules: [{ ...caseloads, viewers: [{ fromValue: 'dcid' }] }] }, roster);
    expect(namesOf(result)).toEqual(['Caseload – Jane Smith']);
    expect(membersOf(result, 'student', 'Caseload – Jane Smith')).toEqual(['S1', 'S2']);
    expect(membersOf(result, 'viewer', 'Caseload – Jane Smith')).toEqual(['T9']);
    expect(result.warnings).toContain(
      'rule "Counselor caseloads": 2 value(s) of counselor name no active staff member by dcid, so no dashboard is made for them (the name needs {staff.*}): "8" (1 students), "T9" (1 students)',
    );
  });

  it('says which values name no active staff member, and makes no dashboard it could not name', async () => {
    const roster = aRoster({
      students: [
        aStudent({ key: '1', fields: { counselor: 'T404' } }),
        aStudent({ key: '2', fields: { counselor: 'T404' } }),
        aStudent({ key: '3', fields: { counselor: 'Tgone' } }),
      ],
      staff: [aStaff({ key: 'gone', schools: [{ schoolId: '100', role: 'staff', active: false }] })],
    });
    const named = await mapWith({ rules: [caseloads] }, roster);
    expect(named.result.desired.size).toBe(0);
    expect(named.result.warnings).toContain(
      'rule "Counselor caseloads": 2 value(s) of counselor name no active staff member by sisId, so no dashboard is made for them (the name needs {staff.*}): "T404" (2 students), "Tgone" (1 students)',
    );
    const byValue = await mapWith({ rules: [{ ...caseloads, nameTemplate: 'Caseload {value}' }] }, roster);
    expect(namesOf(byValue.result)).toEqual(['Caseload T404', 'Caseload Tgone']);
    expect(namesOf(byValue.result, 'viewer')).toEqual([]);
    expect(byValue.result.warnings[0]).toContain('so their dashboards have no viewer from the field');
  });

  it('makes team dashboards with coaches from a table as allies, a student on two teams on both', async () => {
    const { roster, coaches } = generateDistrict({ seed: 5 });
    const athletics = {
      name: 'Athletics',
      kind: 'student-field',
      field: 'team',
      split: ';',
      nameTemplate: 'Athletics – {value}',
      viewers: [{ table: Object.fromEntries(Object.entries(coaches).map(([team, id]) => [team, [id]])), ally: true }],
    };
    const { result } = await mapWith({ rules: [athletics] }, roster);
    expect(namesOf(result)).toEqual(TEAMS.map((team) => `Athletics – ${team}`).sort());
    for (const team of TEAMS) {
      const viewers = result.desired.get(['viewer', '', `Athletics – ${team}`].join('\u001f'))?.members;
      expect(viewers && [...viewers]).toEqual([[coaches[team], true]]);
    }
    const twoTeams = roster.students.find((s) => s.fields.team === 'Football;Track & Field' && s.sisId && s.enrollStatus === 'active');
    expect(twoTeams).toBeDefined();
    expect(membersOf(result, 'student', 'Athletics – Football')).toContain(twoTeams?.sisId);
    expect(membersOf(result, 'student', 'Athletics – Track & Field')).toContain(twoTeams?.sisId);
  });

  it('keeps only the listed values, one dashboard per school with perSchool, and warns about a table value no student has', async () => {
    const roster = aRoster({
      schools: [aSchool('100'), aSchool('200', 'Roosevelt Middle School', 'RMS')],
      students: [
        aStudent({ key: '1', fields: { team: 'Football' } }),
        aStudent({ key: '2', schoolId: '200', fields: { team: 'Football' } }),
        aStudent({ key: '3', fields: { team: 'Chess' } }),
      ],
    });
    const rule = {
      name: 'Teams',
      kind: 'student-field',
      field: 'team',
      values: ['Football'],
      perSchool: true,
      nameTemplate: '{school.abbreviation} {value}',
      viewers: [{ table: { Football: 'K1', Footbal: ['K2'] }, ally: true }],
    };
    const { result } = await mapWith({ rules: [rule] }, roster);
    expect(namesOf(result)).toEqual(['LHS Football', 'RMS Football']);
    expect(result.warnings).toContain('rule "Teams": viewers[0].table lists "Footbal", which no student has in team');
    expect(membersOf(result, 'viewer', 'LHS Football')).toEqual(['K1']);
  });

  it('refuses a field the roster does not have, naming the rule and the fields it has', async () => {
    const roster = aRoster({ students: [aStudent({ key: '1', fields: { counselor: 'T9' } })], studentFields: ['counselor', 'team'] });
    const mapper = createRosterMapper(
      mappingSettings({ rules: [{ ...caseloads, field: 'counsellor', students: { fields: { elll: 'Y' } } }] }),
      silentLogger(),
    );
    await expect(mapper(roster)).rejects.toMatchObject({
      code: 'MAPPING_UNKNOWN_FIELD',
      message: expect.stringContaining(
        'mapping.rules[0] ("Counselor caseloads"): field "field": the roster has no student field "counsellor"; it has counselor, team',
      ),
    });
    await expect(mapper(roster)).rejects.toThrow('field "students.fields.elll": the roster has no student field "elll"');
  });

  it('accepts a field that no student has a value for, when the source says it reads it', async () => {
    const roster = aRoster({ students: [aStudent({ key: '1' })], studentFields: ['team'] });
    const { result } = await mapWith({ rules: [{ name: 'Teams', kind: 'student-field', field: 'team', nameTemplate: '{value}' }] }, roster);
    expect(result.desired.size).toBe(0);
    expect(result.warnings).toEqual(['rule "Teams" made no dashboard: no student with a SIS id matches it']);
  });
});
