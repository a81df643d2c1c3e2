import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

// The end-to-end tests run the real CLI (bin/sis-sync.js → dist/). Build it once, first, so
// that they never test stale code.
export default function setup(): void {
  const root = resolve(import.meta.dirname, '../..');
  execFileSync(process.execPath, [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}
