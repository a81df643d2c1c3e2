import { readFileSync } from 'node:fs';
import type { BenchResult } from './harness.js';

// Two benchmark results side by side, figure by figure: `npm run bench` compares with the last
// result it wrote, and `npm run bench:compare -- old.json new.json` compares any two.

interface Figure {
  label: string;
  value: (result: BenchResult) => number | undefined;
  unit: string;
}

const FIGURES: Figure[] = [
  { label: 'extraction wall time', value: (r) => r.extraction.wallMs / 1000, unit: 's' },
  { label: 'extraction wall ÷ floor', value: (r) => r.extraction.ratio, unit: '' },
  { label: 'extraction requests', value: (r) => r.extraction.requests, unit: '' },
  ...[0, 1, 2].flatMap((i): Figure[] => [
    { label: `mapping+planning CPU (all threads), case ${i + 1}`, value: (r) => ms(r.mapping.cases[i]?.cpuMs), unit: 's' },
    {
      label: `mapping+planning CPU (main thread), case ${i + 1}`,
      value: (r) => ms(r.mapping.cases[i]?.mainThreadCpuMs ?? undefined),
      unit: 's',
    },
    { label: `mapping+planning peak RSS, case ${i + 1}`, value: (r) => r.mapping.cases[i]?.peakRssMB, unit: 'MB' },
  ]),
  ...[0, 1, 2].flatMap((i): Figure[] => [
    { label: `uploads, run ${i + 1}: sis-sync uploads`, value: (r) => r.uploads.scenarios[i]?.engine.uploads, unit: '' },
    { label: `uploads, run ${i + 1}: sis-sync requests`, value: (r) => r.uploads.scenarios[i]?.engine.requests, unit: '' },
    { label: `uploads, run ${i + 1}: sis-sync simulated time`, value: (r) => hours(r.uploads.scenarios[i]?.engine.simulatedMs), unit: 'h' },
    { label: `uploads, run ${i + 1}: naive simulated time`, value: (r) => hours(r.uploads.scenarios[i]?.naive.simulatedMs), unit: 'h' },
  ]),
];

function ms(value: number | undefined): number | undefined {
  return value === undefined ? undefined : value / 1000;
}

function hours(value: number | undefined): number | undefined {
  return value === undefined ? undefined : value / 3_600_000;
}

export function compareLines(before: BenchResult, after: BenchResult): string[] {
  const lines = [
    `Compared with ${before.startedAt} (load average ${before.machine.loadAverageBefore} then, ${after.machine.loadAverageBefore} now):`,
  ];
  for (const figure of FIGURES) {
    const old = figure.value(before);
    const now = figure.value(after);
    if (old === undefined || now === undefined) continue;
    const change = old === 0 ? (now === 0 ? '' : ' (new)') : ` (${now >= old ? '+' : ''}${(((now - old) / old) * 100).toFixed(0)} %)`;
    lines.push(`  ${figure.label}: ${show(old)} → ${show(now)}${figure.unit ? ` ${figure.unit}` : ''}${change}`);
  }
  return lines;
}

function show(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export function readResult(file: string): BenchResult {
  const result = JSON.parse(readFileSync(file, 'utf8')) as BenchResult;
  if (result.schema !== 1) throw new Error(`${file} is not a sis-sync benchmark result (schema 1)`);
  return result;
}

// `tsx bench/compare.ts old.json new.json`
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const [before, after] = process.argv.slice(2);
  if (!before || !after) {
    process.stderr.write('usage: npm run bench:compare -- <old.json> <new.json>\n');
    process.exit(2);
  }
  process.stdout.write(`${compareLines(readResult(before), readResult(after)).join('\n')}\n`);
}
