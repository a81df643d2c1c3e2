import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DataType } from '../aspiredu/types.js';
import { ConfigError, SourceError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { Roster } from '../roster/roster.js';
import { jsonItemsToRecords, rowFormatOf, validateRows, type RowsFile } from '../sources/rows/validate-rows.js';
import { writableByEveryone } from '../util/file-mode.js';

// `mapping.module`: the escape hatch for what rules cannot say. A JavaScript module whose
// default export (or `mapRoster`) takes the roster and returns, maybe as a promise,
//   { students: [{ dashboard_name, student_sis_id, account? }], viewers: [{ dashboard_name, viewer_sis_id, viewer_is_ally, account? }] }
// Its rows are checked by the same validator as a rows file, so a bad row is named by item and
// field and nothing is uploaded. The module runs inside sis-sync, with its rights.

export type MapFunction = (roster: Roster) => unknown;

export interface ModuleRowsPart {
  part: 'students' | 'viewers';
  file: RowsFile;
}

export interface ModuleRows {
  /** `mapping.module rules.mjs`, for messages and explanations. */
  origin: string;
  parts: ModuleRowsPart[];
}

const PARTS: ReadonlyArray<readonly ['students' | 'viewers', DataType]> = [
  ['students', 'student'],
  ['viewers', 'viewer'],
];

export class MappingModule {
  readonly origin: string;
  private loaded: { mtimeMs: number; run: MapFunction } | undefined;

  constructor(
    private readonly path: string,
    private readonly log: Logger,
  ) {
    this.origin = `mapping.module ${basename(path)}`;
  }

  /** Imports the module, again whenever the file changed, so that a long-running service picks up edits. */
  async load(): Promise<MapFunction> {
    const info = await this.statOrFail();
    if (this.loaded?.mtimeMs === info.mtimeMs) return this.loaded.run;
    let exports: Record<string, unknown>;
    try {
      // The query makes a changed file a new module URL: import() never reloads the same URL.
      exports = (await import(`${pathToFileURL(this.path).href}?mtime=${info.mtimeMs}`)) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigError(`mapping.module ${this.path} could not be loaded: ${(error as Error).message}`, {
        code: 'MAPPING_MODULE_LOAD',
        key: 'mapping.module',
        hint: 'Check that the file is JavaScript (ESM or CommonJS) that Node.js can import: `node --check <file>`.',
        cause: error,
      });
    }
    const run = pickFunction(exports);
    if (!run) {
      throw new ConfigError(`mapping.module ${this.path} exports no function: expected a default export or one named mapRoster`, {
        code: 'MAPPING_MODULE_EXPORT',
        key: 'mapping.module',
        hint: 'Write `export default function (roster) { return { students: [...], viewers: [...] }; }`.',
      });
    }
    this.loaded = { mtimeMs: info.mtimeMs, run };
    this.log.info({ event: 'mapping.module_loaded', path: this.path }, 'Mapping module loaded');
    return run;
  }

  async rows(roster: Roster): Promise<ModuleRows> {
    const run = await this.load();
    let output: unknown;
    try {
      // A copy: the module must not change the roster the rules and the explanations read.
      output = await run(structuredClone(roster));
    } catch (error) {
      throw new SourceError(`${this.origin} failed: ${(error as Error)?.message ?? String(error)}`, {
        code: 'MAPPING_MODULE_FAILED',
        hint: 'The error comes from the module itself; nothing was uploaded.',
        cause: error,
      });
    }
    return { origin: this.origin, parts: this.validate(output) };
  }

  private validate(output: unknown): ModuleRowsPart[] {
    const name = basename(this.path);
    const shape = `{ students: [${rowFormatOf('student')}], viewers: [${rowFormatOf('viewer')}] }, either may be left out`;
    const bad = (what: string) =>
      new SourceError(`${this.origin} returned ${what}; expected ${shape}`, {
        code: 'MAPPING_MODULE_BAD_OUTPUT',
        hint: 'Each row may also carry an "account" (AspirEDU subaccount); nothing was uploaded.',
      });
    if (typeof output !== 'object' || output === null || Array.isArray(output)) throw bad(describe(output));
    const unknown = Object.keys(output).filter((key) => key !== 'students' && key !== 'viewers');
    if (unknown.length > 0) throw bad(`an object with ${unknown.map((k) => `"${k}"`).join(', ')}`);
    const parts: ModuleRowsPart[] = [];
    for (const [part, dataType] of PARTS) {
      const items = (output as Record<string, unknown>)[part];
      if (items === undefined) continue;
      if (!Array.isArray(items)) throw bad(`${describe(items)} as ${part}`);
      if (items.length === 0) continue;
      const label = `${name} (${part})`;
      const records = jsonItemsToRecords(items, label, 'MAPPING_MODULE_BAD_OUTPUT');
      const file = validateRows(records, { dataType, label, subject: this.origin, optionalColumns: ['account'] });
      parts.push({ part, file });
    }
    return parts;
  }

  private async statOrFail() {
    let info;
    try {
      info = await stat(this.path);
    } catch (error) {
      throw new ConfigError(
        `mapping.module ${this.path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        {
          code: 'MAPPING_MODULE_MISSING',
          key: 'mapping.module',
          hint: 'Relative paths in the config file are relative to that file.',
          cause: error,
        },
      );
    }
    // Code any user can rewrite would run with the service's rights and see every student.
    if (writableByEveryone(info.mode)) {
      throw new ConfigError(`mapping.module ${this.path} may be changed by every user of this machine; refusing to run it`, {
        code: 'MAPPING_MODULE_UNSAFE',
        key: 'mapping.module',
        hint: `chmod o-w ${this.path}`,
      });
    }
    return info;
  }
}

function pickFunction(exports: Record<string, unknown>): MapFunction | undefined {
  const fallback = exports.default as Record<string, unknown> | undefined;
  for (const candidate of [exports.default, exports.mapRoster, fallback?.mapRoster]) {
    if (typeof candidate === 'function') return candidate as MapFunction;
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
