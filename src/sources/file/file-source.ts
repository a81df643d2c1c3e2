import { basename } from 'node:path';
import type { DataType } from '../../desired/data-types.js';
import { SourceError } from '../../errors.js';
import { DesiredBuilder } from '../../desired/desired-builder.js';
import type { MembershipSource, SourceResult } from '../../desired/ports.js';
import { readRowsFile } from './read-rows.js';

// Memberships straight from rows files in AspirEDU's format: the simplest source, and the one a
// district uses when another system already produces the rows.

export interface FileSourceOptions {
  students: string;
  viewers: string;
  /** The AspirEDU subaccount every dashboard belongs to. */
  account: string;
  /** Accept a file with a header and no rows (it empties every dashboard of its data type). */
  allowEmpty: boolean;
  /** source.files.maxBytes; 512 MiB when not given. */
  maxBytes?: number;
}

export class FileSource implements MembershipSource {
  readonly description: string;

  constructor(private readonly options: FileSourceOptions) {
    const files = [options.students, options.viewers].filter(Boolean).map((path) => basename(path));
    this.description = `rows file${files.length > 1 ? 's' : ''} ${files.join(' and ')}`;
  }

  async load(): Promise<SourceResult> {
    const builder = new DesiredBuilder();
    const stats: Record<string, number> = {};
    const dataTypes: DataType[] = [];
    for (const [dataType, path] of [
      ['student', this.options.students],
      ['viewer', this.options.viewers],
    ] as const) {
      if (!path) continue;
      const file = await readRowsFile(path, dataType, { maxBytes: this.options.maxBytes });
      if (file.rows.length === 0 && !this.options.allowEmpty) {
        throw new SourceError(`${path} has no ${dataType} rows; refusing to empty every ${dataType} dashboard`, {
          code: 'SOURCE_NO_ROWS',
          hint: 'An empty export usually means the export failed. If you really mean to empty them all, set source.files.allowEmpty to true for one run.',
        });
      }
      for (const row of file.rows) builder.add(dataType, this.options.account, row.dashboard, file.idField, row.memberId, row.isAlly);
      stats[`${dataType}Rows`] = file.rows.length;
      dataTypes.push(dataType);
    }
    const warnings = builder.allyConflicts.map(
      (c) => `Viewer ${c.viewerId} is listed both as ally and not ally on dashboard "${c.dashboard}"; kept as not ally`,
    );
    return { desired: builder.build(), dataTypes, warnings, stats };
  }
}
