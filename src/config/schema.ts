import convict from 'convict';
import './formats.js';
import type { Settings } from './settings.js';

// The configuration schema: every key, its meaning, format and default. Environment variable
// names are derived from the key path (see `envNameFor`) so that they cannot drift from it.

const schema: convict.Schema<Settings> = {
  aspiredu: {
    url: {
      doc: 'Base URL of your AspirEDU backend, e.g. https://yourdistrict.aspiredu.com',
      format: 'http-url',
      default: '',
    },
    token: {
      doc: 'AspirEDU API token (bearer). A secret: prefer SIS_SYNC_ASPIREDU_TOKEN_FILE or a systemd credential.',
      format: String,
      default: '',
      sensitive: true,
    },
    account: {
      doc: 'AspirEDU subaccount to upload to (the `account` parameter); empty means the token\'s own account',
      format: String,
      default: '',
    },
    uploadFormat: {
      doc: 'How uploads are sent: "json" (the `data` field) or "csv" (a multipart `file`)',
      format: ['json', 'csv'],
      default: 'json',
    },
    pollIntervalSeconds: {
      doc: 'Seconds to wait before the first poll of an upload; later polls back off from here',
      format: 'positive-number',
      default: 120,
    },
    pollMaxIntervalSeconds: {
      doc: 'Longest wait between two polls of the same upload, in seconds',
      format: 'positive-number',
      default: 600,
    },
    pollTimeoutMinutes: {
      doc: 'Minutes after which a run stops waiting for an upload; the next run resumes polling it',
      format: 'positive-number',
      default: 60,
    },
    requestTimeoutSeconds: {
      doc: 'Seconds to wait for AspirEDU to answer one HTTP request',
      format: 'positive-number',
      default: 60,
    },
  },
  http: {
    maxRetries: {
      doc: 'Retries of one HTTP request after a 429, a 5xx or a network error (never after other 4xx)',
      format: 'int',
      default: 5,
    },
    retryMinDelaySeconds: {
      doc: 'First retry delay in seconds; doubles each retry, with jitter',
      format: 'non-negative-number',
      default: 0.5,
    },
    retryMaxDelaySeconds: {
      doc: 'Longest delay between two retries, in seconds (a longer Retry-After is still honoured up to 5 minutes)',
      format: 'non-negative-number',
      default: 30,
    },
  },
  allowInsecureHttp: {
    doc: 'Allow http:// URLs. Only for the built-in simulators and tests; never in production',
    format: Boolean,
    default: false,
  },
  state: {
    dir: {
      doc: 'Directory for the SQLite state database and the lock file (created with mode 0700)',
      format: String,
      default: './state',
    },
  },
  source: {
    type: {
      doc: 'Where memberships come from: "file" (CSV or JSON rows in AspirEDU\'s format)',
      format: ['file'],
      default: 'file',
    },
    files: {
      students: {
        doc: 'Rows file for students: CSV with dashboard_name,student_sis_id (or student_id), or a JSON array',
        format: String,
        default: '',
      },
      viewers: {
        doc: 'Rows file for viewers: CSV with dashboard_name,viewer_sis_id (or viewer_id),viewer_is_ally, or a JSON array',
        format: String,
        default: '',
      },
      allowEmpty: {
        doc: 'Accept a rows file with no rows, which empties every dashboard of its data type. Off: an empty export is treated as a failed one',
        format: Boolean,
        default: false,
      },
    },
  },
  sync: {
    maxRowsPerUpload: {
      doc: 'Most rows in one upload. A dashboard larger than this still goes whole, in an upload of its own',
      format: 'positive-int',
      default: 20000,
    },
    maxDashboardsPerUpload: {
      doc: 'Most dashboards in one upload; 1 gives one upload per dashboard, as in the vendor\'s how-to guide',
      format: 'positive-int',
      default: 500,
    },
    emptyPlaceholderId: {
      doc: 'An id known not to exist in AspirEDU, sent as the only row to empty a dashboard; never reported as missing',
      format: 'placeholder-id',
      default: 'sis-sync-empty-dashboard',
    },
    retryMissingAfterHours: {
      doc: 'Hours after which a dashboard with members AspirEDU did not know is uploaded again, to pick them up once they exist',
      format: 'non-negative-number',
      default: 24,
    },
    clockSkewSeconds: {
      doc: 'Tolerance between this server\'s clock and AspirEDU\'s when looking for an upload whose creation was interrupted',
      format: 'non-negative-number',
      default: 300,
    },
  },
  log: {
    level: {
      doc: 'Log level: fatal, error, warn, info, debug or trace',
      format: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      default: 'info',
    },
  },
};

export function envNameFor(keyPath: string): string {
  const snake = keyPath
    .split('.')
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1_$2'))
    .join('_');
  return `SIS_SYNC_${snake.toUpperCase()}`;
}

interface SchemaLeaf {
  default: unknown;
  env?: string;
  sensitive?: boolean;
  doc?: string;
  format?: unknown;
}

function isLeaf(node: unknown): node is SchemaLeaf {
  return typeof node === 'object' && node !== null && 'default' in node;
}

/** Calls `visit` for every key of the schema with its dotted path. */
export function forEachSetting(visit: (keyPath: string, leaf: SchemaLeaf) => void, node: unknown = schema, prefix = ''): void {
  for (const [name, child] of Object.entries(node as Record<string, unknown>)) {
    const keyPath = prefix ? `${prefix}.${name}` : name;
    if (isLeaf(child)) visit(keyPath, child);
    else forEachSetting(visit, child, keyPath);
  }
}

forEachSetting((keyPath, leaf) => {
  leaf.env = envNameFor(keyPath);
});

export const sensitiveKeys: readonly string[] = (() => {
  const keys: string[] = [];
  forEachSetting((keyPath, leaf) => {
    if (leaf.sensitive) keys.push(keyPath);
  });
  return keys;
})();

export { schema };

/** Settings that hold file system paths; relative ones are resolved when the config loads. */
export const pathKeys: readonly string[] = ['state.dir', 'source.files.students', 'source.files.viewers'];
