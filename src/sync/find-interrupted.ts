import type { UploadSummary } from '../aspiredu/types.js';
import type { DataType } from '../desired/data-types.js';
import type { StateStore } from '../state/store.js';
import type { UploadApi } from './upload-api.js';

// After a POST whose answer was lost, AspirEDU's upload list (newest first) tells whether the
// upload exists: an API upload of the same data type and account, policy contained, created
// after we wrote the intent (less the clock skew allowed), that this service does not know yet.
// Only one clearing upload is ever in flight from here, so such an upload is ours.

export interface InterruptedIntent {
  dataType: DataType;
  account: string;
  intentAt: string;
  clockSkewMs: number;
}

export async function findInterruptedUpload(
  api: UploadApi,
  store: StateStore,
  intent: InterruptedIntent,
): Promise<UploadSummary | undefined> {
  const notBefore = Date.parse(intent.intentAt) - intent.clockSkewMs;
  const candidates: UploadSummary[] = [];
  for await (const upload of api.listUploads({
    data_type: intent.dataType,
    clear_existing_policy: ['contained'],
    upload_type: 'api',
    account: intent.account,
  })) {
    if (Date.parse(upload.created) < notBefore) break;
    if (!store.uploads.hasApiId(upload.id)) candidates.push(upload);
  }
  // Newest first: if the POST reached AspirEDU twice, the last one is what the dashboards hold.
  return candidates[0];
}
