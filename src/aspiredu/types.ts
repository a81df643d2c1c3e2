import type { DataType, IdField } from '../desired/data-types.js';

// AspirEDU's API vocabulary, as in the v2 Dashboard Uploads reference (seed 001). The data
// types, id columns and name limit every room shares are in desired/data-types.ts.

export type ClearExistingPolicy = 'none' | 'all' | 'contained';
export type UploadType = 'api' | 'web';

/**
 * The reference lists "success_missing"; its own prose and the how-to guide say
 * "success_with_missing". Both mean: processed, some users unknown.
 */
export type UploadStatus = 'uploading' | 'error' | 'success' | 'success_missing' | 'success_with_missing';
export const UPLOAD_STATUSES: readonly UploadStatus[] = ['uploading', 'error', 'success', 'success_missing', 'success_with_missing'];

export function isSuccessStatus(status: string): boolean {
  return status === 'success' || status === 'success_missing' || status === 'success_with_missing';
}

export function isFinalStatus(status: string): boolean {
  return status !== 'uploading';
}

export type StudentRow = { dashboard_name: string; student_sis_id: string } | { dashboard_name: string; student_id: string };
export type ViewerRow =
  | { dashboard_name: string; viewer_sis_id: string; viewer_is_ally: boolean }
  | { dashboard_name: string; viewer_id: string; viewer_is_ally: boolean };
export type UploadRow = StudentRow | ViewerRow;

export interface UploadSummary {
  id: string;
  created: string;
  href: string;
  user: string;
  data_type: DataType;
  upload_type: UploadType;
  status: UploadStatus;
  clear_existing_policy: ClearExistingPolicy;
  file_url: string | null;
}

export interface UploadDetail extends UploadSummary {
  /** `{"message": "..."}` when status is "error"; `{}` otherwise. */
  error: { message?: string };
  /** `{"student_sis_id": ["123"]}`: the ids AspirEDU has no record of, keyed by the row's id field. */
  missing: Partial<Record<IdField, string[]>>;
}

export interface UploadListFilters {
  status?: UploadStatus[];
  clear_existing_policy?: ClearExistingPolicy[];
  data_type?: DataType;
  upload_type?: UploadType;
  account?: string;
}

export interface Dashboard {
  id: string;
  name: string;
}

export interface DashboardMember {
  id: string;
  sis_id: string | null;
  /** Viewers only. */
  is_ally?: boolean;
}
