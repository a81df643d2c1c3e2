import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAspirEduSim, type AspirEduSim } from '../src/sim/aspiredu/server.js';
import type { DistrictOptions } from '../src/sim/powerschool/district-generator.js';
import { startPowerSchoolSim, type PowerSchoolSim } from '../src/sim/powerschool/server.js';
import { loadQueryCatalog } from '../src/sources/powerschool/queries/catalog.js';
import { accessRequestFields } from '../src/sources/powerschool/queries/plugin-files.js';
import { parseStudentFields, type StudentField } from '../src/sources/powerschool/queries/student-fields.js';
import { startMailCatcher, type MailCatcher } from './mail-catcher.js';
import { AS_OF_DATE, STUDENT_FIELDS, writeSoakConfig } from './soak-config.js';

// Everything the soak runs sis-sync against, on 127.0.0.1: the PowerSchool simulator over a
// generated district, the AspirEDU simulator that knows the district's people, the mail
// server, and a fresh state directory. The district is always the same; the seed drives churn
// and faults.

export const SOAK_DISTRICT: DistrictOptions = { seed: 2026, schools: 3, students: 240, teachers: 24, otherStaff: 9, today: AS_OF_DATE };

export interface SoakWorld {
  powerschool: PowerSchoolSim;
  aspiredu: AspirEduSim;
  mail: MailCatcher;
  dir: string;
  stateDir: string;
  /** The child's whole environment (besides PATH): the config file and the secrets, as in production. */
  env: Record<string, string>;
  close(options?: { keep?: boolean }): Promise<void>;
}

export async function startWorld(): Promise<SoakWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'sis-sync-soak-'));
  const stateDir = join(dir, 'state');
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const fields = parseStudentFields(STUDENT_FIELDS) as StudentField[];
  const powerschool = await startPowerSchoolSim({
    district: SOAK_DISTRICT,
    access: accessRequestFields(loadQueryCatalog().queries, fields),
  });
  const people = (sql: string) => (powerschool.db.prepare(sql).all() as Array<{ id: string }>).map((r) => ({ sisId: String(r.id) }));
  const aspiredu = await startAspirEduSim({
    // Longer for bigger uploads, as AspirEDU's processing is.
    processingDelayMs: (rows) => 20 + Math.round(rows / 25),
    students: people('SELECT student_number AS id FROM students WHERE student_number IS NOT NULL'),
    viewers: people('SELECT teachernumber AS id FROM users WHERE teachernumber IS NOT NULL'),
  });
  const mail = await startMailCatcher();
  const config = writeSoakConfig(dir, {
    aspireduUrl: aspiredu.url,
    powerschoolUrl: powerschool.url,
    powerschoolClientId: powerschool.clientId,
    smtpUrl: mail.url,
    stateDir,
  });
  return {
    powerschool,
    aspiredu,
    mail,
    dir,
    stateDir,
    env: {
      SIS_SYNC_CONFIG: config,
      SIS_SYNC_ASPIREDU_TOKEN: aspiredu.token,
      SIS_SYNC_POWERSCHOOL_CLIENT_SECRET: powerschool.clientSecret,
    },
    async close(options = {}) {
      await Promise.all([aspiredu.close(), powerschool.close(), mail.close()]);
      if (!options.keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}
