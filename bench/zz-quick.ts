import { FULL_BENCH, runBench } from './harness.js';
const r = await runBench({
  ...FULL_BENCH,
  extractionRuns: 1,
  mappingRuns: 1,
  syntheticRuns: 1,
  progress: (l) => process.stderr.write(l + '\n'),
});
console.log(JSON.stringify(r.mapping, null, 1));
process.exit(0);
