import { parseArgs } from 'node:util';
import { FULL_SOAK, SHORT_SOAK, type SoakOptions } from './options.js';
import { formatReport, soakPassed } from './report.js';
import { runSoak } from './soak-run.js';

// `npm run soak`: a compressed school year of sis-sync against the simulators, with churn,
// faults and kills, then the checks. Exit 0 when every check passed.
//
//   npm run soak                      a year (210 school days) with a random seed, printed
//   npm run soak -- --seed 42         the same year again
//   npm run soak -- --short           the few dozen days `npm test` runs
//   npm run soak -- --days 50 --verbose --keep
//   npm run soak -- --changes-during-reads   change enrolments during a read on 30 % of days, not 10 %

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    days: { type: 'string' },
    short: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'changes-during-reads': { type: 'boolean', default: false },
  },
});

const base = values.short ? SHORT_SOAK : FULL_SOAK;
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 1_000_000);
const days = values.days !== undefined ? Number(values.days) : base.days;
if (!Number.isInteger(seed) || seed < 0 || !Number.isInteger(days) || days < 1) {
  process.stderr.write(
    'usage: npm run soak -- [--seed <whole number>] [--days <count>] [--short] [--verbose] [--keep] [--changes-during-reads]\n',
  );
  process.exit(2);
}
const options: SoakOptions = {
  ...base,
  seed,
  days,
  // A shorter year keeps the deliberate hold inside it.
  deliberateHoldDay: base.deliberateHoldDay >= days ? Math.floor(days / 2) : base.deliberateHoldDay,
  verbose: values.verbose,
  keepDir: values.keep,
  faults: { ...base.faults, changeDuringRead: values['changes-during-reads'] ? 0.3 : base.faults.changeDuringRead },
};
process.stdout.write(`sis-sync soak: seed ${seed}, ${days} school days\n`);
const result = await runSoak(options, (line) => process.stdout.write(`${line}\n`));
process.stdout.write(`\n${formatReport(result)}\n`);
process.exitCode = soakPassed(result) ? 0 : 1;
