import { ConfigError } from '../errors.js';
import { fileSource } from './file/source-module.js';
import { powerSchoolApiSource } from './powerschool/api/source-module.js';
import { powerSchoolOracleSource } from './powerschool/oracle/source-module.js';
import type { SourceModule, SourceType } from './source-module.js';

// Every source sis-sync can read, once: its `source.type`, how it is built from the settings,
// and what `sis-sync check` tries for it. app/wiring.ts builds the configured one; app/checks.ts
// asks each for its checks (a source's checks decide themselves whether they apply). Adding a
// source is a folder under sources/ exporting a SourceModule (source-module.ts), and a line here
// (and its name in config/sections/source.ts).

export const SOURCES: readonly SourceModule[] = [fileSource, powerSchoolApiSource, powerSchoolOracleSource];

export function sourceModuleFor(type: SourceType): SourceModule {
  const found = SOURCES.find((source) => source.type === type);
  if (!found)
    throw new ConfigError(`source.type "${type}" is not a source sis-sync knows: ${SOURCES.map((s) => `"${s.type}"`).join(', ')}`, {
      code: 'CONFIG_INVALID',
      key: 'source.type',
    });
  return found;
}
