import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The configuration the soak runs sis-sync with: the PowerSchool source with four simple
// rules whose result the soak can also compute with SQL (desired-state.ts), and every wait
// scaled down to the compressed year, in which one school day lasts a second or two.

export const AS_OF_DATE = '2024-10-01';

export const RECIPIENTS = {
  errors: 'it@soak-district.example',
  missingUsers: 'registrar@soak-district.example',
  changes: 'data@soak-district.example',
  held: 'principal@soak-district.example',
} as const;

/** The default is 24 hours, one school day; here a day lasts about that long. */
export const RETRY_MISSING_AFTER_HOURS = 0.0005;

export const PLACEHOLDER_ID = 'sis-sync-empty-dashboard';

/** Read into the roster; the simulated plugin grants access to these and the queries' fields. */
export const STUDENT_FIELDS = ['counselor=U_STUDENTSUSERFIELDS.COUNSELOR'];

export interface SoakEndpoints {
  aspireduUrl: string;
  powerschoolUrl: string;
  powerschoolClientId: string;
  smtpUrl: string;
  stateDir: string;
}

export const SOAK_RULES = [
  {
    name: 'Grade levels',
    kind: 'school-grade',
    nameTemplate: '{school.name} – Grade {grade}',
    viewers: [{ roles: ['staff'], ally: false }],
  },
  {
    name: 'Teachers',
    kind: 'teacher',
    // The SIS id keeps two teachers of the same name apart.
    nameTemplate: '{teacher.lastName}, {teacher.firstName} ({teacher.sisId})',
  },
  {
    // Small dashboards (most CS teachers have one section), which empty when that section is
    // cancelled: the soak's legitimate emptying.
    name: 'Computer science',
    kind: 'teacher',
    nameTemplate: 'CS – {teacher.lastName}, {teacher.firstName} ({teacher.sisId})',
    sections: { courseNumbers: ['CSC*'] },
  },
  {
    name: 'Counselor caseloads',
    kind: 'student-field',
    field: 'counselor',
    nameTemplate: 'Caseload {value}',
    viewers: [{ fromValue: 'sisId', ally: false }],
  },
];

export function soakConfig(endpoints: SoakEndpoints): Record<string, unknown> {
  return {
    aspiredu: {
      url: endpoints.aspireduUrl,
      pollIntervalSeconds: 0.05,
      pollMaxIntervalSeconds: 0.2,
      // An upload that never finishes holds a run up for a few seconds, not an hour; long
      // enough that a slow moment of a busy machine is not mistaken for one.
      pollTimeoutMinutes: 0.04,
      requestTimeoutSeconds: 5,
    },
    powerschool: {
      url: endpoints.powerschoolUrl,
      clientId: endpoints.powerschoolClientId,
      asOfDate: AS_OF_DATE,
      studentFields: STUDENT_FIELDS,
      requestTimeoutSeconds: 5,
    },
    // Only because the simulators speak plain HTTP.
    allowInsecureHttp: true,
    http: { retryMinDelaySeconds: 0.02, retryMaxDelaySeconds: 0.2 },
    state: { dir: endpoints.stateDir },
    source: { type: 'powerschool-api' },
    sync: {
      retryMissingAfterHours: RETRY_MISSING_AFTER_HOURS,
      emptyPlaceholderId: PLACEHOLDER_ID,
      // Five minutes is many soak days: an upload made days ago must not pass for one just lost.
      clockSkewSeconds: 1,
    },
    mapping: { rules: SOAK_RULES },
    notify: {
      smtpUrl: endpoints.smtpUrl,
      smtpRequireTls: false,
      smtpTimeoutSeconds: 2,
      from: 'sis-sync@soak-district.example',
      districtName: 'Soak District',
      timeZone: 'UTC',
      errors: [RECIPIENTS.errors],
      missingUsers: [RECIPIENTS.missingUsers],
      changes: [RECIPIENTS.changes],
      held: [RECIPIENTS.held],
    },
    log: { level: 'debug' },
  };
}

export function writeSoakConfig(dir: string, endpoints: SoakEndpoints): string {
  const file = join(dir, 'sis-sync.json');
  writeFileSync(file, JSON.stringify(soakConfig(endpoints), null, 2), { mode: 0o600 });
  return file;
}
