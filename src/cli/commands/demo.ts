import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLocked } from '../../app/run-locked.js';
import { startAspirEduSim } from '../../sim/aspiredu/server.js';
import { DEMO_DISTRICT, demoAspirEduUsers, demoPeople, pluginAccessFor } from '../../sim/demo-district.js';
import { startMailSink } from '../../sim/mail-sink.js';
import { startPowerSchoolSim } from '../../sim/powerschool/server.js';
import { simulatorEnv } from '../../sim/simulator-env.js';
import { createContext, type GlobalOptions } from '../context.js';
import { keptDemoInstructions } from '../demo-kept.js';
import { DEMO_CONFIG } from '../../sim/demo-paths.js';
import { printRunReport } from '../run-report.js';
import { planCommand } from './plan.js';

// `sis-sync demo`: the whole product with no credentials and nothing left behind (unless
// --keep). A generated district in the built-in PowerSchool simulator, the mapping rules of
// config/demo/sis-sync.json, the built-in AspirEDU simulator, and a mail catcher that writes
// the digest emails to files.

const PLAN_LINES_SHOWN = 16;

export async function demoCommand(options: { keep?: boolean; globals?: GlobalOptions }): Promise<number> {
  const print = (text: string) => process.stdout.write(`${text}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'sis-sync-demo-'));
  const people = demoPeople();
  const powerschool = await startPowerSchoolSim({ district: DEMO_DISTRICT, access: pluginAccessFor(DEMO_CONFIG) });
  const aspiredu = await startAspirEduSim({ processingDelayMs: 300, ...demoAspirEduUsers(people) });
  const mail = await startMailSink(join(dir, 'mail'));
  try {
    // Addresses, secrets and the state directory come in through the environment, as in production.
    const env = { ...process.env, ...simulatorEnv({ powerschool, aspiredu, mail }, join(dir, 'state')) };
    const ctx = createContext({ ...options.globals, config: DEMO_CONFIG, logLevel: options.globals?.logLevel ?? 'warn', env });
    const { counts } = people.facts;
    print(`Built-in simulators: PowerSchool ${powerschool.url}, AspirEDU ${aspiredu.url}, mail ${mail.url}`);
    print(
      `District (generated): ${people.facts.schoolNumbers.length} schools, ${counts.students} students, ${counts.staff} staff, ${counts.sections} sections, ${counts.enrollments} enrolments.`,
    );
    print(
      `AspirEDU does not know ${people.unknownStudents.length} of its students yet (${people.unknownStudents.join(', ')}): they will be reported as missing.`,
    );
    print(`Configuration: ${DEMO_CONFIG}\n`);

    print('== sis-sync plan: what the first run will upload ==');
    const planLines: string[] = [];
    await planCommand({ ...ctx, out: (text) => planLines.push(...text.split('\n')) }, { names: 0 });
    printTrimmed(print, planLines, options.keep === true);
    // Each warning once: the plan printed them, the runs' reports would say them twice more.
    const shownWarnings = new Set(planLines.filter((line) => line.startsWith('warning: ')).map((line) => line.slice('warning: '.length)));

    print('\n== First run ==');
    const first = await runLocked(ctx, 'demo', {}, printRunReport(ctx, { shownWarnings }));
    print('\n== Second run: nothing changed, nothing is uploaded ==');
    const second = await runLocked(ctx, 'demo', {}, printRunReport(ctx, { shownWarnings }));

    print(`\n== Digest emails (written by the mail catcher to ${mail.dir}) ==`);
    for (const message of mail.received) print(`  ${message.file}  to ${message.to.join(', ')}`);
    if (mail.received.length === 0) print('  none');
    print(
      `\nAspirEDU now holds ${aspiredu.model.dashboards.size} dashboards; ${aspiredu.requests.filter((r) => r.method === 'POST').length} uploads were made in all.`,
    );
    return first === 0 && second === 0 ? 0 : 1;
  } finally {
    await Promise.all([aspiredu.close(), powerschool.close(), mail.close()]);
    if (options.keep) print(`\n${keptDemoInstructions(dir).join('\n')}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** The plan table's first lines, then its totals. */
function printTrimmed(print: (text: string) => void, lines: string[], kept: boolean): void {
  const blank = lines.indexOf('');
  const table = blank >= 0 ? lines.slice(0, blank) : lines;
  const rest = blank >= 0 ? lines.slice(blank + 1) : [];
  for (const line of table.slice(0, PLAN_LINES_SHOWN)) print(line);
  if (table.length > PLAN_LINES_SHOWN)
    print(
      `… and ${table.length - PLAN_LINES_SHOWN} more dashboards (${kept ? 'the `plan` command at the end lists them all' : 'run `sis-sync demo --keep`: the `plan` command it prints at the end lists them all'})`,
    );
  for (const line of rest) if (line) print(line);
}
