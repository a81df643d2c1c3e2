import type { ClearExistingPolicy, UploadStatus, UploadSummary, UploadType } from '../../aspiredu/types.js';
import type { DataType } from '../../desired/data-types.js';
import { ApiError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { renderTable } from '../table.js';
import { createAspirEduClient } from '../../app/wiring.js';

export interface UploadsOptions {
  status?: UploadStatus[];
  policy?: ClearExistingPolicy[];
  dataType?: DataType;
  uploadType?: UploadType;
  account?: string;
  limit: number;
  json?: boolean;
}

/** `sis-sync uploads`: AspirEDU's upload list, newest first, with its filters. */
export async function uploadsCommand(ctx: CommandContext, options: UploadsOptions): Promise<number> {
  const client = createAspirEduClient(ctx.settings, ctx.log);
  try {
    const uploads: UploadSummary[] = [];
    for await (const upload of client.listUploads({
      ...(options.status ? { status: options.status } : {}),
      ...(options.policy ? { clear_existing_policy: options.policy } : {}),
      ...(options.dataType ? { data_type: options.dataType } : {}),
      ...(options.uploadType ? { upload_type: options.uploadType } : {}),
      ...(options.account ? { account: options.account } : {}),
    })) {
      uploads.push(upload);
      if (uploads.length >= options.limit) break;
    }
    if (options.json) ctx.out(JSON.stringify(uploads, null, 2));
    else if (uploads.length === 0) ctx.out('No uploads match.');
    else
      ctx.out(
        renderTable(
          ['ID', 'CREATED', 'DATA TYPE', 'TYPE', 'POLICY', 'STATUS', 'USER'],
          uploads.map((u) => [u.id, u.created, u.data_type, u.upload_type, u.clear_existing_policy, u.status, u.user]),
        ),
      );
    return 0;
  } finally {
    await client.close();
  }
}

/** `sis-sync upload <id>`: one upload's detail, with its error or missing users. */
export async function uploadCommand(ctx: CommandContext, id: string, options: { json?: boolean }): Promise<number> {
  const client = createAspirEduClient(ctx.settings, ctx.log);
  try {
    const upload = await client.getUpload(id).catch((error: unknown) => {
      throw error instanceof ApiError && error.status === 404 ? unknownUpload(id, error) : error;
    });
    if (options.json) {
      ctx.out(JSON.stringify(upload, null, 2));
      return 0;
    }
    ctx.out(
      [
        `Upload ${upload.id}`,
        `  created       ${upload.created} by ${upload.user || '-'} (${upload.upload_type})`,
        `  data type     ${upload.data_type}`,
        `  policy        ${upload.clear_existing_policy}`,
        `  status        ${upload.status}`,
        ...(upload.error.message ? [`  error         ${upload.error.message}`] : []),
        ...Object.entries(upload.missing).map(([field, ids]) => `  missing       ${field}: ${ids.join(', ')}`),
        ...(upload.file_url ? [`  file          ${upload.file_url}`] : []),
      ].join('\n'),
    );
    return 0;
  } finally {
    await client.close();
  }
}

/** AspirEDU answers 404 for an id it does not know: the id is what to check, not the URL (a wrong URL fails `sis-sync check`). */
function unknownUpload(id: string, cause: ApiError): ApiError {
  return new ApiError(`AspirEDU has no upload with the id "${id}" (it answered 404)`, {
    code: 'API_UPLOAD_UNKNOWN',
    hint: '`sis-sync uploads` lists the uploads AspirEDU knows, with their ids.',
    service: cause.service,
    kind: 'aspiredu',
    status: 404,
    retryable: false,
    mayHaveReachedServer: true,
    cause,
  });
}
