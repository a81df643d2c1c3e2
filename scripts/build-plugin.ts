// `npm run plugin`: generates the PowerSchool plugin from powerschool-plugin/queries/*.sql and
// zips it for a district to install (System > System Settings > Plugin Management Dashboard).
//
//   npm run plugin                                   the shipped plugin (files in powerschool-plugin/plugin/)
//   npm run plugin -- --config /etc/sis-sync.json    adds access requests for powerschool.studentFields
//   npm run plugin -- --contact it@district.org --plugin-version 1.0.1
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { zipSync, strToU8 } from 'fflate';
import { loadConfig } from '../src/config/load.js';
import { loadQueryCatalog } from '../src/sources/powerschool-queries/catalog.js';
import { pluginFiles } from '../src/sources/powerschool-queries/plugin-files.js';
import { parseStudentFields, type StudentField } from '../src/sources/powerschool-queries/student-fields.js';

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

function main(): void {
  const { values } = parseArgs({
    options: { config: { type: 'string' }, contact: { type: 'string' }, 'plugin-version': { type: 'string' }, out: { type: 'string' } },
  });
  let studentFields: StudentField[] = [];
  if (values.config) {
    const parsed = parseStudentFields(loadConfig({ file: values.config }).settings.powerschool.studentFields);
    if (typeof parsed === 'string') throw new Error(`powerschool.studentFields: ${parsed}`);
    studentFields = parsed;
  }
  const version = values['plugin-version'] ?? packageVersion();
  const files = pluginFiles(loadQueryCatalog(), { version, contactEmail: values.contact ?? DEFAULT_CONTACT, studentFields });
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
  console.log(`Wrote ${zipFile}`);
  for (const path of files.keys()) console.log(`  ${path}`);
  if (studentFields.length) console.log(`  with access requests for ${studentFields.map((f) => `${f.table}.${f.field}`).join(', ')}`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
