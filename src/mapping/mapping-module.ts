import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DataType } from '../desired/data-types.js';
import { ConfigError, SourceError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { Roster } from '../roster/roster.js';
import { runModuleThread } from './module-thread.js';
import { jsonItemsToRecords, rowFormatOf, validateRows, type RowsFile } from '../desired/validate-rows.js';
import { writableByEveryone } from '../util/file-mode.js';

// `mapping.module`: the escape hatch for what rules cannot say. A JavaScript module whose
// default export (or `mapRoster`) takes the roster and returns, maybe as a promise,
//   { students: [{ dashboard_name, student_sis_id, account? }], viewers: [{ dashboard_name, viewer_sis_id, viewer_is_ally, account? }] }
// Its rows are checked by the same validator as a rows file, so a bad row is named by item and
// field and nothing is uploaded. The module runs with sis-sync's rights, in a worker thread of its
// own (see module-thread.ts) with a time limit, `mapping.moduleTimeoutSeconds`.

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
  /** The version last loaded, so that "loaded" is logged once per change of the file. */
  private loadedMtimeMs: number | undefined;

  constructor(
    private readonly path: string,
    private readonly log: Logger,
    private readonly timeoutSeconds: number,
  ) {
    this.origin = `mapping.module ${basename(path)}`;
  }

  /** Imports the module in a thread of its own and checks that it exports a function (`sis-sync check`). */
  async load(signal?: AbortSignal): Promise<void> {
    await this.runThread(undefined, signal);
  }

  async rows(roster: Roster, signal?: AbortSignal): Promise<ModuleRows> {
    // The thread gets a copy: the module cannot change the roster the rules and explanations read.
    const output = await this.runThread(roster, signal);
    return { origin: this.origin, parts: this.validate(output) };
  }

  /** A new thread each run imports the file afresh, so that a long-running service picks up edits. */
  private async runThread(roster: Roster | undefined, signal: AbortSignal | undefined): Promise<unknown> {
    const info = await this.statOrFail();
    const url = pathToFileURL(this.path).href;
    const result = await runModuleThread({
      input: roster === undefined ? { url } : { url, roster },
      timeoutMs: this.timeoutSeconds * 1000,
      log: this.log.child({ module: this.path }),
      signal,
    });
    if (result.kind !== 'load-failed' && result.kind !== 'no-function' && this.loadedMtimeMs !== info.mtimeMs) {
      this.loadedMtimeMs = info.mtimeMs;
      this.log.info({ event: 'mapping.module_loaded', path: this.path }, 'Mapping module loaded');
    }
    switch (result.kind) {
      case 'done':
        return result.output;
      case 'load-failed':
        throw new ConfigError(`mapping.module ${this.path} could not be loaded: ${result.message}`, {
          code: 'MAPPING_MODULE_LOAD',
          key: 'mapping.module',
          hint: 'Check that the file is JavaScript (ESM or CommonJS) that Node.js can import: `node --check <file>`.',
        });
      case 'no-function':
        throw new ConfigError(`mapping.module ${this.path} exports no function: expected a default export or one named mapRoster`, {
          code: 'MAPPING_MODULE_EXPORT',
          key: 'mapping.module',
          hint: 'Write `export default function (roster) { return { students: [...], viewers: [...] }; }`.',
        });
      case 'failed':
      case 'crashed':
        throw new SourceError(`${this.origin} failed: ${result.message}`, {
          code: 'MAPPING_MODULE_FAILED',
          hint: 'The error comes from the module itself; nothing was uploaded.',
          cause: errorFromThread(result),
        });
      case 'uncloneable':
        throw new SourceError(`${this.origin} returned something that is not plain data (${result.message})`, {
          code: 'MAPPING_MODULE_BAD_OUTPUT',
          hint: 'Return plain objects, lists, strings, numbers and booleans only; nothing was uploaded.',
        });
      case 'timeout':
        throw new SourceError(
          `mapping.module ${this.path} did not finish within ${this.timeoutSeconds} seconds (mapping.moduleTimeoutSeconds); it was stopped`,
          {
            code: 'MAPPING_MODULE_TIMEOUT',
            hint: 'Look for a loop that never ends or a call that waits for ever (a network call without a timeout); if the module truly needs longer, raise mapping.moduleTimeoutSeconds. Nothing was uploaded.',
          },
        );
      case 'exited':
        throw new SourceError(
          result.exitCode === 0
            ? `mapping.module ${this.path} never returned: its promise can never settle (nothing was left for it to wait on)`
            : `mapping.module ${this.path} ended its thread (exit code ${result.exitCode}) before returning`,
          {
            code: 'MAPPING_MODULE_NO_ANSWER',
            hint: 'The module must return its rows, or a promise that resolves to them; nothing was uploaded.',
          },
        );
    }
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

/** The module's error, rebuilt on this side of the thread for the JSON log (message, name, stack). */
function errorFromThread(thrown: { message: string; name: string; stack: string | undefined }): Error {
  const error = new Error(thrown.message);
  error.name = thrown.name;
  if (thrown.stack !== undefined) error.stack = thrown.stack;
  return error;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
