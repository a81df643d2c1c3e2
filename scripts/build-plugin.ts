// `npm run plugin`: generates the PowerSchool plugin from powerschool-plugin/queries/*.sql and
// zips it for a district to install (System > System Settings > Plugin Management Dashboard).
//
//   npm run plugin                                   the shipped plugin (files in powerschool-plugin/plugin/)
//   npm run plugin -- --config /etc/sis-sync.json    adds access requests for powerschool.studentFields
//                                                    (each checked first: see student-fields.ts)
//   npm run plugin -- --contact it@district.org --plugin-version 1.0.1
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { zipSync, strToU8 } from 'fflate';
import { loadConfig } from '../src/config/load.js';
import { describeError } from '../src/errors.js';
import { loadQueryCatalog } from '../src/sources/powerschool/queries/catalog.js';
import { pluginFiles } from '../src/sources/powerschool/queries/plugin-files.js';
import { contactProblem, limitProblem, PluginLimitError } from '../src/sources/powerschool/queries/plugin-limits.js';
import type { StudentField } from '../src/sources/powerschool/queries/student-fields.js';
import { checkRosterSettings } from '../src/sources/powerschool/roster/roster-settings.js';

export const PLUGIN_DIR = resolve(import.meta.dirname, '../powerschool-plugin/plugin');
export const ZIP_DIR = resolve(import.meta.dirname, '../powerschool-plugin/dist');
export const DEFAULT_CONTACT = 'it@yourdistrict.invalid';

/** The version of sis-sync, as the shipped plugin's version. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')) as { version: string }).version;
}

/** A zip with plugin.xml at its root, as PowerSchool requires; fixed timestamps so that the same input gives the same bytes. */
export function zipPlugin(files: Map<string, string>): Uint8Array {
  const entries = Object.fromEntries([...files].map(([path, text]) => [path, strToU8(text)]));
  return zipSync(entries, { level: 9, mtime: new Date('2024-01-01T00:00:00Z') });
}

export interface BuiltPlugin {
  zipFile: string;
  files: Map<string, string>;
  studentFields: StudentField[];
}

/** Builds the plugin from command-line arguments; throws, writing nothing, when an argument or the plugin breaks a limit. */
export function buildPlugin(args: readonly string[]): BuiltPlugin {
  const { values } = parseArgs({
    args: [...args],
    options: { config: { type: 'string' }, contact: { type: 'string' }, 'plugin-version': { type: 'string' }, out: { type: 'string' } },
  });
  const version = values['plugin-version'] ?? packageVersion();
  const contactEmail = values.contact ?? DEFAULT_CONTACT;
  // The arguments a person typed are checked first, so that the message names the option.
  const badContact = values.contact === undefined ? undefined : contactProblem(contactEmail);
  if (badContact) throw new PluginLimitError([`--contact: ${badContact}`]);
  const badVersion = values['plugin-version'] === undefined ? undefined : limitProblem('pluginVersion', version);
  if (badVersion) throw new PluginLimitError([`--plugin-version: ${badVersion}`]);
  let studentFields: StudentField[] = [];
  // The same checks as the PowerSchool sources make: one access request PowerSchool cannot
  // grant stops it from enabling the whole plugin.
  if (values.config) studentFields = checkRosterSettings(loadConfig({ file: values.config }).settings);
  const files = pluginFiles(loadQueryCatalog(), { version, contactEmail, studentFields });
  const customised = Boolean(values.config || values.contact || values['plugin-version']);
  if (!customised) {
    // The shipped files are committed, and a test checks that they match the SQL.
    for (const [path, text] of files) {
      mkdirSync(dirname(join(PLUGIN_DIR, path)), { recursive: true });
      writeFileSync(join(PLUGIN_DIR, path), text);
    }
  }
  const outDir = resolve(values.out ?? ZIP_DIR);
  mkdirSync(outDir, { recursive: true });
  const zipFile = join(outDir, `sis-sync-powerschool-plugin-${version}.zip`);
  writeFileSync(zipFile, zipPlugin(files));
  return { zipFile, files, studentFields };
}

function main(): void {
  let built: BuiltPlugin;
  try {
    built = buildPlugin(process.argv.slice(2));
  } catch (error) {
    console.error(`npm run plugin: ${describeError(error)}`);
    process.exitCode = 2;
    return;
  }
  console.log(`Wrote ${built.zipFile}`);
  for (const path of built.files.keys()) console.log(`  ${path}`);
  const extra = built.studentFields.map((f) => `${f.table}.${f.field}`);
  if (extra.length) console.log(`  with access requests for ${extra.join(', ')} (and the column keying each table to its student)`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
