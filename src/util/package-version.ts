import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// `sis-sync --version`: the version of package.json, read at run time so that it cannot drift.

/** Same depth from src/ and dist/: <root>/{src,dist}/util. */
const PACKAGE_JSON = resolve(dirname(fileURLToPath(import.meta.url)), '../../package.json');

export function packageVersion(): string {
  return (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
}
