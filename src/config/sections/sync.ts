import type convict from 'convict';

// How changes are packed into uploads, what counts as a change, and how long a run may take.

export interface SyncSettings {
  sync: {
    maxRowsPerUpload: number;
    maxDashboardsPerUpload: number;
    emptyPlaceholderId: string;
    retryMissingAfterHours: number;
    clockSkewSeconds: number;
    runTimeoutMinutes: number;
  };
}

export const syncSchema: convict.Schema<SyncSettings> = {
  sync: {
    maxRowsPerUpload: {
      doc: 'Most rows in one upload. A dashboard larger than this still goes whole, in an upload of its own',
      format: 'positive-int',
      default: 20000,
    },
    maxDashboardsPerUpload: {
      doc: "Most dashboards in one upload; 1 gives one upload per dashboard, as in the vendor's how-to guide",
      format: 'positive-int',
      default: 500,
    },
    emptyPlaceholderId: {
      doc: 'An id known not to exist in AspirEDU, sent as the only row to empty a dashboard; never reported as missing. If AspirEDU does not report it missing it is a real user: the run stops, and nothing is emptied until this names an unknown id',
      format: 'placeholder-id',
      default: 'sis-sync-empty-dashboard',
    },
    retryMissingAfterHours: {
      doc: 'Hours after which a dashboard with members AspirEDU did not know is uploaded again, to pick them up once they exist',
      format: 'non-negative-number',
      default: 24,
    },
    clockSkewSeconds: {
      doc: "Tolerance between this server's clock and AspirEDU's when looking for an upload whose creation was interrupted",
      format: 'non-negative-number',
      default: 300,
    },
    runTimeoutMinutes: {
      doc: 'Minutes after which a run still going is stopped and recorded as failed (uploads still processing are resumed by the next run). Keep it well above aspiredu.pollTimeoutMinutes, which one upload may take alone',
      format: 'positive-number',
      default: 360,
    },
  },
};
