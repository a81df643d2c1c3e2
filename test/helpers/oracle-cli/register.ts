import { register } from 'node:module';

// Loaded with `node --import tsx --import <this file> bin/sis-sync.js …` by the CLI tests only:
// the real CLI, built as shipped, then finds the SQLite-backed driver where it imports
// `oracledb`. Nothing in src/ knows about it.
register('./resolve-hooks.mjs', import.meta.url);
