// Rewrites the generated configuration reference in README.md from the schema.
import { readFileSync, writeFileSync } from 'node:fs';
import { replaceReference } from '../src/config/reference.js';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, replaceReference(readFileSync(path, 'utf8')));
console.log('README.md configuration reference updated');
