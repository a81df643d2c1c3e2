import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compareLines, readResult } from './compare.js';
import { FULL_BENCH, runBench } from './harness.js';
import { reportLines } from './report.js';

// `npm run bench`: builds dist/ (the mapping figure runs on it), runs the benchmark, prints its
// table, compares it with the last result, and writes the new one (bench/results/latest.json
// unless --out says otherwise; --no-write leaves it alone).

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'bench/results/latest.json' },
    compare: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
});

const out = resolve(values.out);
const previousFile = values.compare ? resolve(values.compare) : out;
const previous = existsSync(previousFile) ? readResult(previousFile) : undefined;
const result = await runBench({ ...FULL_BENCH, progress: (line) => process.stderr.write(`… ${line}\n`) });
process.stdout.write(`\n${reportLines(result).join('\n')}\n`);
if (previous) process.stdout.write(`\n${compareLines(previous, result).join('\n')}\n`);
if (!values['no-write']) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`\nWritten to ${out}\n`);
}
