import type { CreateUploadInput } from '../aspiredu/client.js';
import type { UploadDetail, UploadListFilters, UploadSummary } from '../aspiredu/types.js';

// What the engine needs from AspirEDU, and nothing more: the client implements it, tests may
// stand in for it. The engine never sees HTTP.

export interface UploadApi {
  createUpload(input: CreateUploadInput): Promise<UploadSummary>;
  getUpload(id: string): Promise<UploadDetail>;
  listUploads(filters?: UploadListFilters): AsyncIterable<UploadSummary>;
}
