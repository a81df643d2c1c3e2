import type convict from 'convict';

// The AspirEDU API: where, with which token, how uploads are sent and polled.

export interface AspirEduSettings {
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
}

export const aspireduSchema: convict.Schema<AspirEduSettings> = {
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
      doc: "AspirEDU subaccount to upload to (the `account` parameter); empty means the token's own account",
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
};
