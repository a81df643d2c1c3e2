import type convict from 'convict';

// Settings every part shares: HTTP retries, TLS, the state directory, logging.

export interface GeneralSettings {
  http: {
    maxRetries: number;
    retryMinDelaySeconds: number;
    retryMaxDelaySeconds: number;
  };
  allowInsecureHttp: boolean;
  state: { dir: string };
  log: { level: string };
}

export const generalSchema: convict.Schema<GeneralSettings> = {
  http: {
    maxRetries: {
      doc: 'Retries of one HTTP request after a 429, a 5xx or a network error (never after other 4xx)',
      format: 'nat',
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
    format: 'boolean',
    default: false,
  },
  state: {
    dir: {
      doc: 'Directory for the SQLite state database and the lock file (created with mode 0700)',
      format: 'path',
      default: './state',
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
