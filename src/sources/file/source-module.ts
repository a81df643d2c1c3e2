import { ConfigError } from '../../errors.js';
import type { SourceModule } from '../source-module.js';
import { FileSource } from './file-source.js';
import { noProgress } from '../../util/progress.js';

// `source.type: "file"`: rows files in AspirEDU's format. `sis-sync check` reads them whole.

export const fileSource: SourceModule = {
  type: 'file',
  create(settings) {
    const { students, viewers, allowEmpty, maxBytes } = settings.source.files;
    if (!students && !viewers) {
      throw new ConfigError('No rows file is configured: set source.files.students, source.files.viewers, or both', {
        code: 'CONFIG_MISSING',
        key: 'source.files.students',
      });
    }
    return new FileSource({ students, viewers, account: settings.aspiredu.account, allowEmpty, maxBytes });
  },
  /** Rows files are read whole; a roster source is checked by its own checks (PowerSchool, Oracle, mapping) without reading everything. */
  checks: (settings, log) =>
    settings.source.type !== 'file'
      ? []
      : [
          {
            name: `Source (${settings.source.type})`,
            async run(signal) {
              const loaded = await fileSource.create(settings, log, noProgress).load(signal);
              return `read ${loaded.desired.size} dashboards${loaded.warnings.length ? `, ${loaded.warnings.length} warnings` : ''}`;
            },
          },
        ],
};
