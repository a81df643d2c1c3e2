import type convict from 'convict';

// The daemon (`sis-sync run`): when runs happen, when they must not, how it stops, and where it
// answers health checks and Prometheus scrapes.

export interface DaemonSettings {
  schedule: {
    cron: string;
    timezone: string;
    runOnStart: boolean;
    blackout: string[];
  };
  daemon: {
    shutdownGraceSeconds: number;
  };
  health: {
    enabled: boolean;
    host: string;
    port: number;
  };
}

export const daemonSchema: convict.Schema<DaemonSettings> = {
  schedule: {
    cron: {
      doc: 'When `sis-sync run` starts a run: a 5-field cron expression (minute hour day-of-month month day-of-week) in schedule.timezone',
      format: 'cron-expression',
      default: '0 5 * * *',
    },
    timezone: {
      doc: "IANA time zone of schedule.cron and schedule.blackout, e.g. America/Chicago; empty means the server's own",
      format: 'iana-timezone',
      default: '',
    },
    runOnStart: {
      doc: 'Also run once as soon as the daemon has started (outside blackout windows)',
      format: 'boolean',
      default: false,
    },
    blackout: {
      doc: 'Days on which no scheduled run starts, e.g. ["2026-06-26/2026-07-06", "2026-12-25"] (both ends included); from the environment, separated by commas',
      format: 'date-ranges',
      default: [],
    },
  },
  daemon: {
    shutdownGraceSeconds: {
      doc: 'After SIGTERM or SIGINT, seconds to wait for the current step to end before stopping anyway (state stays consistent either way)',
      format: 'positive-number',
      default: 20,
    },
  },
  health: {
    enabled: {
      doc: 'Serve /healthz and /metrics over HTTP while `sis-sync run` is running',
      format: 'boolean',
      default: true,
    },
    host: {
      doc: 'Address the health and metrics server binds to; 0.0.0.0 exposes it beyond this machine (containers)',
      format: String,
      default: '127.0.0.1',
    },
    port: {
      doc: 'Port of the health and metrics server (0 picks a free one and logs it)',
      format: 'port',
      default: 9464,
    },
  },
};
