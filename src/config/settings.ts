// The validated configuration, as the rest of the code sees it. Mirrors `schema.ts`.

export interface Settings {
  aspiredu: {
    url: string;
    token: string;
    account: string;
    uploadFormat: 'json' | 'csv';
    pollIntervalSeconds: number;
    pollMaxIntervalSeconds: number;
    pollTimeoutMinutes: number;
    requestTimeoutSeconds: number;
  };
  http: {
    maxRetries: number;
    retryMinDelaySeconds: number;
    retryMaxDelaySeconds: number;
  };
  allowInsecureHttp: boolean;
  state: { dir: string };
  source: {
    type: 'file';
    files: { students: string; viewers: string; allowEmpty: boolean };
  };
  sync: {
    maxRowsPerUpload: number;
    maxDashboardsPerUpload: number;
    emptyPlaceholderId: string;
    retryMissingAfterHours: number;
    clockSkewSeconds: number;
  };
  log: { level: string };
}
