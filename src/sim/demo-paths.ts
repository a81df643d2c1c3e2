import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Where the demo's configuration and sample rows are, apart from the demo itself so that
// naming them loads no simulator.

/** Same depth from src/ and dist/: <root>/{src,dist}/sim. */
export const DEMO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../config/demo');
export const DEMO_CONFIG = join(DEMO_DIR, 'sis-sync.json');
