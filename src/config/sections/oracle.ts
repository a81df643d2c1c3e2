import type convict from 'convict';

// The PowerSchool Oracle source (`source.type: "powerschool-oracle"`): how to reach the database
// under PowerSchool with a read-only account. What to read (SIS id fields, enrolment statuses,
// schools, extra student fields, the day) is shared with the REST source under `powerschool.*`,
// so that switching sources changes the transport, never the roster.

export interface OracleSettings {
  oracle: {
    connectString: string;
    server: string;
    port: number;
    service: string;
    user: string;
    password: string;
    schema: string;
    poolMax: number;
    connectTimeoutSeconds: number;
    callTimeoutSeconds: number;
    fetchArraySize: number;
  };
}

export const oracleSchema: convict.Schema<OracleSettings> = {
  oracle: {
    connectString: {
      doc: 'A full connect string (Easy Connect "host:port/service" or a TNS descriptor "(DESCRIPTION=...)"); replaces oracle.server, oracle.port and oracle.service. Never put the user or password in it',
      format: String,
      default: '',
    },
    server: {
      doc: "Host name or address of PowerSchool's Oracle database server, used when oracle.connectString is empty",
      format: String,
      default: '',
    },
    port: {
      doc: "The database listener's TCP port",
      format: 'port',
      default: 1521,
    },
    service: {
      doc: 'The Oracle service name of the PowerSchool database',
      format: String,
      default: 'psproddb',
    },
    user: {
      doc: 'The read-only Oracle account sis-sync logs in as (see "The read-only account" in docs/sources.md for its grants)',
      format: String,
      default: '',
    },
    password: {
      doc: "The Oracle account's password. A secret: set SIS_SYNC_ORACLE_PASSWORD_FILE or a systemd credential (oracle.password); written in the config file it works but warns",
      format: String,
      default: '',
      sensitive: true,
    },
    schema: {
      doc: "Owner of the PowerSchool tables (PS on a PowerSchool server). Each session's CURRENT_SCHEMA is set to it so that the queries' table names resolve there; the account still needs SELECT grants. Empty: the account's own synonyms are used",
      format: String,
      default: 'PS',
    },
    poolMax: {
      doc: 'Most sessions the pool may open on the database at once: a cap the database administrator can rely on. sis-sync reads in one session (one read-only transaction) at a time, so 1 is enough',
      format: 'positive-int',
      default: 1,
    },
    connectTimeoutSeconds: {
      doc: 'Seconds to wait for the database server to answer a new connection before giving up (a firewall that drops packets shows as this timeout)',
      format: 'positive-int',
      default: 20,
    },
    callTimeoutSeconds: {
      doc: 'Seconds one round trip to the database may take (executing a query, or fetching one batch of rows) before it is abandoned',
      format: 'positive-int',
      default: 300,
    },
    fetchArraySize: {
      doc: 'Rows fetched per round trip while streaming a query; memory holds about this many rows of a query at a time',
      format: 'positive-int',
      default: 1000,
    },
  },
};
