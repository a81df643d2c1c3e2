// Rewrites the generated parts of docs/reference (configuration, commands, log events, error codes) from the code.
import { writeFileSync } from 'node:fs';
import { GENERATED_BLOCKS, regenerated, REPOSITORY_ROOT } from './generated-docs.js';

for (const block of GENERATED_BLOCKS) {
  writeFileSync(new URL(block.file, REPOSITORY_ROOT), regenerated(block));
  console.log(`${block.file} updated`);
}
