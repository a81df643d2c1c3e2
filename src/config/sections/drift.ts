import type convict from 'convict';

// The scheduled drift check of the daemon: compare what AspirEDU holds with what was uploaded.

export interface DriftSettings {
  drift: {
    cron: string;
    reconcile: boolean;
  };
}

export const driftSchema: convict.Schema<DriftSettings> = {
  drift: {
    cron: {
      doc: 'When the daemon checks for drift (dashboards changed in the web application), as a cron expression in schedule.timezone, e.g. "0 6 * * 1"; empty: never. Findings go to notify.drift',
      format: 'optional-cron-expression',
      default: '',
    },
    reconcile: {
      doc: 'After a scheduled drift check, upload the drifted managed dashboards again from the source, through the safety guard',
      format: 'boolean',
      default: false,
    },
  },
};
