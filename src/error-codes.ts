// Every error code, with what it means: the one list of them. A code is stable (logs, digests
// and operators' alerts match on it), so none is ever renamed. `code` in errors.ts takes only
// these (a misspelt code does not compile); docs/reference/error-codes.md is written from this
// list (`npm run docs`). What to do is in each error's own hint, where the facts are known.

export interface ErrorCodeSection {
  readonly title: string;
  /** Code → what it means, one sentence (Markdown). */
  readonly codes: Readonly<Record<string, string>>;
  /** Codes built from a value, written with the value's part in <angle brackets> → meaning. */
  readonly families?: Readonly<Record<string, string>>;
}

export const ERROR_CODE_SECTIONS = [
  {
    title: 'Settings (exit 2)',
    codes: {
      CONFIG_FILE_MISSING: 'The config file (`--config`, `SIS_SYNC_CONFIG`), or a file a setting names, does not exist.',
      CONFIG_FILE_SYNTAX: 'The config file is not valid JSON, or does not hold one JSON object.',
      CONFIG_INVALID: 'A setting has a value it cannot take, or a setting is not known; the message names it.',
      CONFIG_MISSING: 'A setting the command needs is empty (a URL, a client ID, a secret, a mail address).',
      CONFIG_INSECURE_URL: 'A URL that would carry a secret or an approval link uses `http://`.',
      CONFIG_INSECURE_SMTP: '`notify.smtpRequireTls` is off while an SMTP password is set.',
      CONFIG_SECRET_FILE: 'The file a secret is read from (`…_FILE` or a systemd credential) cannot be read.',
      CONFIG_SECRET_TWICE: 'A secret is given both in its variable and in its `…_FILE` variable.',
      CONFIG_HEALTH_LISTEN: 'The daemon cannot listen on `health.host`:`health.port`.',
      CONFIG_WEB_LISTEN: 'The daemon cannot listen on `web.host`:`web.port` for the approval page.',
      PLACEHOLDER_IS_REAL_USER:
        'AspirEDU knows the id in `sync.emptyPlaceholderId`: it belongs to a real user, so it cannot stand for an empty dashboard.',
    },
  },
  {
    title: 'Command line (exit 2)',
    codes: {
      USAGE_RUN: 'The argument of `approve` or `rollback` is not a run number.',
      USAGE_NOT_HELD: 'The run given to `approve` was not held by the safety guard.',
      USAGE_HOLD_CLOSED: 'The hold of the run given to `approve` was already approved, overridden or released.',
      USAGE_HOLD_ROLLBACK: 'The held run is a rollback: it is applied with `sis-sync rollback <run> --allow-deletes`, not `approve`.',
      USAGE_NO_HISTORY: 'The run given to `rollback` changed no dashboards, or its history is older than `history.keepRuns` keeps.',
      USAGE_UNKNOWN_DASHBOARD: 'No rule makes a dashboard of the name given to `plan --explain`, and none was uploaded.',
      USAGE_BAD_ADDRESS: '`notify test --to` was given something that is not an email address.',
      USAGE_LOG_FORMAT: '`--log-format` or `SIS_SYNC_LOG_FORMAT` is not one of json, pretty, quiet.',
      USAGE_SIM_OPTION: 'An option of `sis-sync sim` has a value it cannot take.',
    },
  },
  {
    title: 'Mapping rules and module',
    codes: {
      MAPPING_NO_RULES: 'A roster source has neither `mapping.rules` nor `mapping.module` (exit 2).',
      MAPPING_UNKNOWN_FIELD: 'A rule uses a student field the roster does not have (exit 2).',
      MAPPING_COLLISION: 'Two rules make a dashboard of the same name while `mapping.onCollision` is "fail" (exit 2).',
      MAPPING_BAD_NAME: 'A rule made a dashboard name that is empty or longer than AspirEDU allows, from a record in the SIS.',
      MAPPING_MODULE_MISSING: '`mapping.module` cannot be read (exit 2).',
      MAPPING_MODULE_UNSAFE: 'Every user of the machine may change `mapping.module`, so it is not run (exit 2).',
      MAPPING_MODULE_LOAD: '`mapping.module` could not be loaded as JavaScript (exit 2).',
      MAPPING_MODULE_EXPORT: '`mapping.module` exports no function, neither a default export nor `mapRoster` (exit 2).',
      MAPPING_MODULE_FAILED: '`mapping.module` threw an error, or its thread crashed.',
      MAPPING_MODULE_BAD_OUTPUT: '`mapping.module` returned something that is not plain data, or not rows.',
      MAPPING_MODULE_NO_ANSWER: '`mapping.module` ended without returning, or returned a promise that can never settle.',
      MAPPING_MODULE_TIMEOUT: '`mapping.module` took longer than `mapping.moduleTimeoutSeconds` and was stopped.',
    },
  },
  {
    title: 'Rows files',
    codes: {
      SOURCE_FILE_UNREADABLE: 'A rows file cannot be read (missing, or not readable by the service user).',
      SOURCE_NOT_A_FILE: 'A rows file setting names a directory or a device, not a regular file.',
      SOURCE_FILE_TOO_LARGE: 'A rows file is larger than `source.files.maxBytes`.',
      SOURCE_FILE_CHANGING: 'A rows file changed while it was read, several times in a row.',
      SOURCE_BAD_ENCODING: 'A rows file is not UTF-8 text.',
      SOURCE_BAD_CSV: 'A rows file is not valid CSV.',
      SOURCE_BAD_JSON: 'A rows file is not valid JSON, or not a list of row objects.',
      SOURCE_EMPTY_FILE: 'A rows file is empty: not even a header.',
      SOURCE_BAD_HEADER: "A rows file's columns are not those of its data type.",
      SOURCE_BAD_ROWS: 'Rows with a wrong value (a missing id, a name too long, a bad ally flag …); each is named.',
      SOURCE_NO_ROWS: 'A rows file has no rows, which would empty every dashboard of its data type.',
    },
  },
  {
    title: 'PowerSchool (REST API)',
    codes: {
      POWERSCHOOL_CREDENTIALS: "PowerSchool refused the plugin's client ID and secret.",
      POWERSCHOOL_UNAUTHORIZED: 'PowerSchool refused a new token too (HTTP 401 twice).',
      POWERSCHOOL_FORBIDDEN: 'PowerSchool refused a request (HTTP 403): the plugin is not installed, not enabled, or not this version.',
      POWERSCHOOL_ACCESS_REQUEST:
        "PowerSchool refused a query because the plugin's `<access_request>` lacks fields; the message lists the lines to add.",
      POWERSCHOOL_PLUGIN_OUTDATED: 'The installed sis-sync plugin is older than this sis-sync (it does not read by key).',
      POWERSCHOOL_BAD_RESPONSE:
        'PowerSchool answered something that is not what its API gives (no access token, a page not in the expected form).',
      POWERSCHOOL_BAD_ROW: 'A row PowerSchool returned has a value sis-sync cannot use; the message names the query, row and field.',
      POWERSCHOOL_DATA_CHANGED: 'PowerSchool returned a record twice: the data changed while it was read.',
      POWERSCHOOL_QUERIES_MISSING: 'The PowerQuery SQL files shipped with sis-sync cannot be read.',
      POWERSCHOOL_QUERY_FILE: 'A PowerQuery SQL file shipped with sis-sync is not valid.',
      POWERSCHOOL_STUDENT_FIELD_ACCESS: '`sis-sync check`: the plugin has no access to an extra student field.',
      POWERSCHOOL_STUDENT_FIELD_MISSING: '`sis-sync check`: PowerSchool has no such table or column for an extra student field.',
      POWERSCHOOL_STUDENT_FIELD_TABLE: "`sis-sync check`: an extra student field's table is not a one-to-one extension of STUDENTS.",
    },
  },
  {
    title: 'Oracle',
    codes: {
      ORACLE_LOGIN_FAILED: 'Oracle refused the login: wrong user name or password.',
      ORACLE_ACCOUNT_LOCKED: 'The Oracle account is locked.',
      ORACLE_PASSWORD_EXPIRED: "The Oracle account's password has expired.",
      ORACLE_NO_SESSION_GRANT: 'The Oracle account may not log in (no CREATE SESSION privilege).',
      ORACLE_NOT_PERMITTED: 'The Oracle account lacks a privilege.',
      ORACLE_TABLE_MISSING: 'A table does not exist for the account, usually a missing grant.',
      ORACLE_COLUMN_MISSING: 'Oracle does not know a column (a misspelt extra student field, or an older PowerSchool).',
      ORACLE_SCHEMA_MISSING: 'The schema in `oracle.schema` does not exist.',
      ORACLE_SERVICE_UNKNOWN: 'The Oracle listener does not know the service or SID.',
      ORACLE_CONNECT_STRING: '`oracle.connectString` is not a connect string sis-sync can use.',
      ORACLE_HOST_UNKNOWN: "The database server's name cannot be resolved.",
      ORACLE_UNREACHABLE: 'Nothing accepted a connection at the database address.',
      ORACLE_CONNECT_TIMEOUT: 'No answer from the database within `oracle.connectTimeoutSeconds`.',
      ORACLE_CALL_TIMEOUT: 'A call to the database took longer than `oracle.callTimeoutSeconds`.',
      ORACLE_POOL_BUSY: 'No Oracle connection became free in time.',
      ORACLE_SNAPSHOT_TOO_OLD: 'The read took longer than the database keeps its undo data.',
      ORACLE_CONNECTION_LOST: 'The connection to the database was closed during the read.',
      ORACLE_VERSION: 'The database is older than Oracle 12.1.',
      ORACLE_BAD_ROW: 'A row Oracle returned does not have the columns its SQL selects.',
      ORACLE_FAILED: 'Reading the Oracle database failed for another reason; the Oracle message says why.',
    },
  },
  {
    title: 'HTTP (AspirEDU and PowerSchool)',
    codes: {
      API_NETWORK: 'The service could not be reached (DNS, connection refused or reset, timeout).',
      API_BAD_RESPONSE: 'The service answered something that is not the JSON its API gives (an HTML page, a body of the wrong form).',
      API_UPLOAD_UNKNOWN: '`sis-sync uploads <id>`: AspirEDU has no upload with that id.',
    },
    families: {
      'API_HTTP_<status>': 'The service answered with that HTTP status, after the retries a retry may help (429, 5xx).',
    },
  },
  {
    title: 'State directory',
    codes: {
      STATE_LOCKED: 'Another sis-sync process holds the lock on `state.dir`.',
      STATE_OPEN: 'The state directory or database cannot be created or opened (permissions, not a directory …).',
      STATE_VERSION: 'The state database is at a schema version this program cannot use.',
      STATE_LINK_KEY: 'The approval link key in `state.dir` cannot be read, or is not a key.',
    },
    families: {
      'STATE_<SQLite code>':
        'SQLite failed with that code (`SQLITE_` left off), e.g. `STATE_CORRUPT`, `STATE_NOTADB`, `STATE_FULL`, `STATE_READONLY`, `STATE_CANTOPEN`.',
    },
  },
  {
    title: 'Mail',
    codes: {
      NOTIFY_CONNECT: 'The mail server in `notify.smtpUrl` could not be reached.',
      NOTIFY_TLS:
        "No secure connection to the mail server: TLS failed, or the server's certificate is not trusted or does not match its name.",
      NOTIFY_AUTH: 'The mail server refused the user name and password.',
      NOTIFY_REJECTED: 'The mail server refused the message for good (sender or recipients).',
      NOTIFY_DEFERRED: 'The mail server refused the message for now; it is sent again later.',
      NOTIFY_SEND: 'Sending a digest failed for another reason.',
    },
  },
  {
    title: 'Runs',
    codes: {
      RUN_TIMEOUT: 'A run went on past `sync.runTimeoutMinutes` and was stopped.',
      STOPPED: 'A run was stopped by a signal, or by the daemon stopping, before it ended.',
    },
  },
] as const satisfies readonly ErrorCodeSection[];

type CodesOf<T> = T extends { readonly codes: infer C } ? keyof C : never;

/** A stable error code: one of the list, or one of its families. */
export type ErrorCode = CodesOf<(typeof ERROR_CODE_SECTIONS)[number]> | `API_HTTP_${number}` | `STATE_${string}`;

/** Every listed code (families aside), in the order of the docs. */
export const ERROR_CODES: readonly ErrorCode[] = ERROR_CODE_SECTIONS.flatMap((section) => Object.keys(section.codes) as ErrorCode[]);

export const ERROR_CODES_BEGIN = '<!-- error-codes:begin (generated by `npm run docs`; do not edit) -->';
export const ERROR_CODES_END = '<!-- error-codes:end -->';

/** docs/reference/error-codes.md's tables, so that the page cannot drift from the list. */
export function errorCodesMarkdown(): string {
  return ERROR_CODE_SECTIONS.map((section: ErrorCodeSection) => {
    const entries = [...Object.entries(section.codes), ...Object.entries(section.families ?? {})];
    const rows = entries.map(([code, means]) => `| \`${code}\` | ${means} |`);
    return [`## ${section.title}`, '', '| Code | Meaning |', '| --- | --- |', ...rows].join('\n');
  }).join('\n\n');
}
