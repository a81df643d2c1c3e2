import { afterEach, describe, expect, it } from 'vitest';
import { describeError } from '../../../../src/errors.js';
import { silentLogger } from '../../../../src/log/logger.js';
import type { PowerSchoolSim } from '../../../../src/sim/powerschool/server.js';
import { AccessRequestError, fieldsFromForbiddenBody } from '../../../../src/sources/powerschool/api/access-request-error.js';
import { psClient, psSetup, startPsSim } from '../../../helpers/powerschool.js';

// A PowerQuery that reads a field the plugin did not ask for answers 403; sis-sync turns the
// body, JSON or XML, into the exact <field .../> lines to add to plugin.xml.

const JSON_BODY = {
  message: 'Validation Failed',
  errors: [
    { resource: 'org.sissync.aspiredu.roster.students', field: 'students.state_studentnumber', code: 'No access to the field' },
    { resource: 'org.sissync.aspiredu.roster.students', field: 'students.grade_level', code: 'No access to the field' },
  ],
};
const XML_BODY =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><errorMessage><message>Validation Failed</message>' +
  '<errors><resource>attendance</resource><field>attendance.studentid</field><code>No access to the field</code></errors></errorMessage>';

let sim: PowerSchoolSim;
afterEach(async () => {
  await sim?.close();
});

describe('403 access requests', () => {
  it('reads the fields of a JSON body', () => {
    expect(fieldsFromForbiddenBody(JSON_BODY)).toEqual([
      { table: 'STUDENTS', field: 'STATE_STUDENTNUMBER' },
      { table: 'STUDENTS', field: 'GRADE_LEVEL' },
    ]);
    expect(fieldsFromForbiddenBody(JSON.stringify(JSON_BODY))).toHaveLength(2);
  });

  it('reads the fields of an XML body, one error or several', () => {
    expect(fieldsFromForbiddenBody(XML_BODY)).toEqual([{ table: 'ATTENDANCE', field: 'STUDENTID' }]);
    const two = XML_BODY.replace('</errorMessage>', '<errors><field>cc.dateleft</field></errors></errorMessage>');
    expect(fieldsFromForbiddenBody(two)).toEqual([
      { table: 'ATTENDANCE', field: 'STUDENTID' },
      { table: 'CC', field: 'DATELEFT' },
    ]);
  });

  it('finds nothing in bodies that name no field', () => {
    for (const body of [undefined, '', 'Forbidden', '<html>Forbidden</html>', { message: 'Forbidden' }, '{"errors":""}']) {
      expect(fieldsFromForbiddenBody(body)).toEqual([]);
    }
  });

  it('stops the read with the exact lines to add, in the error and the log', async () => {
    sim = await startPsSim();
    sim.access.revoke({ table: 'STUDENTS', field: 'STATE_STUDENTNUMBER' });
    sim.access.revoke({ table: 'CC', field: 'DATELEFT' });
    const setup = psSetup(sim);
    const error = await setup
      .reader()
      .read()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccessRequestError);
    expect((error as AccessRequestError).lines).toEqual(['<field table="STUDENTS" field="STATE_STUDENTNUMBER" access="ViewOnly"/>']);
    expect(describeError(error)).toContain('<field table="STUDENTS" field="STATE_STUDENTNUMBER" access="ViewOnly"/>');
    expect(describeError(error)).toMatch(/plugin\.xml/);
    const logged = setup.captured.entries().find((e) => e.event === 'powerschool.access_request');
    expect(logged?.accessRequests).toEqual(['<field table="STUDENTS" field="STATE_STUDENTNUMBER" access="ViewOnly"/>']);
    // The source failed as a whole: no query after the refused one was read to its end.
    expect(setup.captured.entries().filter((e) => e.event === 'powerschool.query.read' && String(e.query).endsWith('staff'))).toEqual([]);
    expect(setup.captured.events()).not.toContain('powerschool.read.finished');
  });

  it('turns the XML variant PowerSchool sends to a client that asks for XML into the same lines', async () => {
    sim = await startPsSim();
    sim.access.revoke({ table: 'SECTIONS', field: 'EXPRESSION' });
    const client = psClient(sim, silentLogger(), { concurrency: 1 });
    try {
      const error = await client
        .request(
          {
            method: 'POST',
            path: 'ws/schema/query/org.sissync.aspiredu.roster.sections/count',
            json: {},
            headers: { accept: 'application/xml' },
          },
          'the query sections',
        )
        .catch((e: unknown) => e);
      expect(sim.requests.at(-1)?.accept).toBe('application/xml');
      expect(error).toBeInstanceOf(AccessRequestError);
      expect((error as AccessRequestError).lines).toEqual(['<field table="SECTIONS" field="EXPRESSION" access="ViewOnly"/>']);
    } finally {
      await client.close();
    }
  });
});
