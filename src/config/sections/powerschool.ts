import type convict from 'convict';

// PowerSchool: what to read (SIS id fields, enrolment statuses, schools, extra student fields,
// term label, the day), shared by both PowerSchool sources; and, for the REST API source, where,
// with which plugin credentials and how gently to ask (PowerSchool servers may be set to refuse
// requests that come too fast). The Oracle source's connection lives under oracle.*.

export interface PowerSchoolSettings {
  powerschool: {
    url: string;
    clientId: string;
    clientSecret: string;
    studentIdField: string;
    staffIdField: 'teachernumber' | 'users_dcid' | 'email';
    activeEnrollStatuses: number[];
    schools: string[];
    studentFields: string[];
    studentExtensionTables: string[];
    termLabel: 'abbreviation' | 'termid';
    asOfDate: string;
    pageSize: number;
    concurrency: number;
    minRequestIntervalSeconds: number;
    requestTimeoutSeconds: number;
    tokenCache: boolean;
    tokenRenewDays: number;
  };
}

export const powerschoolSchema: convict.Schema<PowerSchoolSettings> = {
  powerschool: {
    url: {
      doc: 'Base URL of your PowerSchool server, e.g. https://ps.yourdistrict.org (REST API source). Empty: the REST API is not used',
      format: 'http-url',
      default: '',
    },
    clientId: {
      doc: "The sis-sync plugin's client ID (Plugin Management Dashboard > the plugin > Data Provider Configuration)",
      format: String,
      default: '',
    },
    clientSecret: {
      doc: "The sis-sync plugin's client secret. A secret: prefer SIS_SYNC_POWERSCHOOL_CLIENT_SECRET_FILE or a systemd credential",
      format: String,
      default: '',
      sensitive: true,
    },
    studentIdField: {
      doc: "Which value is a student's SIS id in AspirEDU: student_number, dcid, id, state_studentnumber, or the name of one of powerschool.studentFields",
      format: 'identifier',
      default: 'student_number',
    },
    staffIdField: {
      doc: "Which value is a staff member's SIS id in AspirEDU",
      format: ['teachernumber', 'users_dcid', 'email'],
      default: 'teachernumber',
    },
    activeEnrollStatuses: {
      doc: 'STUDENTS.ENROLL_STATUS codes read as current students: -1 pre-registered, 0 active, 1 inactive, 2 transferred out, 3 graduated, 4 historical',
      format: 'enroll-status-list',
      default: [0],
    },
    schools: {
      doc: 'School numbers (SCHOOLS.SCHOOL_NUMBER) to read; empty reads every school',
      format: 'string-list',
      default: [],
    },
    studentFields: {
      doc: 'Extra student fields to read, as TABLE.FIELD or name=TABLE.FIELD, from STUDENTS or a one-to-one extension such as U_STUDENTSUSERFIELDS; each needs an access request in the plugin (`npm run plugin -- --config <file>`), or for the Oracle source a SELECT grant on its table',
      format: 'student-field-list',
      default: [],
    },
    studentExtensionTables: {
      doc: 'Further one-to-one extensions of STUDENTS (one row per student, keyed by STUDENTSDCID) that powerschool.studentFields may read from; STUDENTCOREFIELDS, U_... and S_..._STU_..._X tables need no listing',
      format: 'string-list',
      default: [],
    },
    termLabel: {
      doc: "How a section's term is named in the roster: the term's abbreviation (S1, Q3) or its TERMID",
      format: ['abbreviation', 'termid'],
      default: 'abbreviation',
    },
    asOfDate: {
      doc: 'The day whose sections and enrolments are read, as YYYY-MM-DD; empty means today. Set it in summer to preview the coming year',
      format: 'optional-date',
      default: '',
    },
    pageSize: {
      doc: "REST API: records per page; 0 uses the server's maximum (its schema_table_query_max_page_size), and a larger value is lowered to it",
      format: 'nat',
      default: 0,
    },
    concurrency: {
      doc: 'Requests to PowerSchool in flight at once',
      format: 'positive-int',
      default: 2,
    },
    minRequestIntervalSeconds: {
      doc: 'Least time between two requests as PowerSchool receives them (the token request too), in seconds: the server minimum interval between API requests',
      format: 'non-negative-number',
      default: 0,
    },
    requestTimeoutSeconds: {
      doc: 'Seconds to wait for PowerSchool to answer one request (a page of a large query can take a while)',
      format: 'positive-number',
      default: 120,
    },
    tokenRenewDays: {
      doc: 'Ask for a new OAuth token this many days before the cached one expires; if PowerSchool refuses, the run goes on with the old token and warns (log and digest) while there is time to fix the plugin',
      format: 'non-negative-number',
      default: 3,
    },
    tokenCache: {
      doc: 'Keep the OAuth token in the state directory (file mode 0600) so that a restart does not ask for a new one; tokens live about 30 days',
      format: 'boolean',
      default: true,
    },
  },
};
