import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { checkFinalState, checkPlanClean } from './checks/final-state.js';
import type { CheckResult } from './checks/check-result.js';
import { checkMissingReports } from './checks/missing-reports.js';
import { checkRepeatUploads } from './checks/repeat-uploads.js';
import { checkRunOutcomes } from './checks/run-outcomes.js';
import { checkStateAtEnd } from './checks/state-at-end.js';
import { checkUploadContent } from './checks/upload-content.js';
import { DistrictChurn, type ChurnCounts } from './churn/district-churn.js';
import { startCli, type ChildRun } from './cli-run.js';
import { runDay } from './day-runner.js';
import { vanishSchool } from './deliberate-hold.js';
import { desiredState, type DesiredState } from './desired-state.js';
import { FaultInjector, type DayFault } from './faults/fault-injector.js';
import { Journal, type DayRecord, type RunVerdict } from './journal.js';
import { QUIET_TAIL_DAYS, type SoakOptions } from './options.js';
import { randomFor } from './seeded.js';
import { AS_OF_DATE, PLACEHOLDER_ID, RECIPIENTS, RETRY_MISSING_AFTER_HOURS } from './soak-config.js';
import { SoakStats, wireCounts, type WireCounts } from './stats.js';
import { startWorld, type SoakWorld } from './world.js';

// The compressed school year: each day the district churns, the day's faults go into the
// simulators, and `sis-sync once` runs (killed and restarted where the day says). Then a few
// quiet runs let the year settle, and the checks read what AspirEDU, the mail server and the
// state database hold.

export interface SoakResult {
  seed: number;
  daysPlanned: number;
  days: DayRecord[];
  settleRuns: number;
  /** Set when the time budget ran out before every day was run. */
  incomplete: string | undefined;
  checks: CheckResult[];
  stats: SoakStats;
  churn: ChurnCounts;
  unknownStudents: number;
  wire: { powerschool: WireCounts; aspiredu: WireCounts };
  tokensIssued: number;
  uploads: { total: number; byStatus: Record<string, number> };
  emails: number;
  durationMs: number;
}

const RETRY_MISSING_MS = RETRY_MISSING_AFTER_HOURS * 3_600_000;
const MAX_SETTLE_RUNS = 5;

export async function runSoak(options: SoakOptions, say: (line: string) => void = () => undefined): Promise<SoakResult> {
  const started = Date.now();
  const world = await startWorld();
  try {
    const db = world.powerschool.db;
    const journal = new Journal(world.aspiredu.model);
    const churn = new DistrictChurn(db, AS_OF_DATE, world.aspiredu.model, options.churn);
    let today = 0;
    const injector = new FaultInjector(world, options.faults, () => {
      churn.moveEarlyEnrolment(randomFor(options.seed, today, 'change-during-read'));
      journal.changedDuringRead.set(today, desiredState(db, AS_OF_DATE));
    });
    const stats = new SoakStats();
    let deliberateDone = options.deliberateHoldDay < 0;
    let incomplete: string | undefined;

    for (let day = 0; day < options.days; day++) {
      if (Date.now() - started > options.budgetMs) {
        incomplete = `time budget of ${Math.round(options.budgetMs / 1000)} s reached after ${day} of ${options.days} days`;
        break;
      }
      today = day;
      world.mail.day = day;
      churn.learnAboutUnknownStudents(day);
      churn.apply(day, randomFor(options.seed, day, 'churn'), day < options.days - QUIET_TAIL_DAYS);
      const news = await injector.beginDay(day);
      const lingering = injector.lingering;
      const holdToday = !deliberateDone && day >= options.deliberateHoldDay && !lingering;
      const faults = [...news, ...(await injector.drawFaults(day, randomFor(options.seed, day, 'faults'), holdToday))];
      const vanished = holdToday ? vanishSchool(db) : undefined;
      journal.desiredByDay.set(day, desiredState(db, AS_OF_DATE));
      const runs = await runDay({
        env: world.env,
        mail: world.mail,
        random: randomFor(options.seed, day, 'kills'),
        killChance: holdToday ? 0 : options.faults.kill,
        faults,
      });
      vanished?.restore();
      if (holdToday) deliberateDone = true;
      journal.stampUploads(day);
      injector.endDay();
      runs.runs.forEach((run) => stats.addRun(run));
      noteLateDigests(world, stats);
      const record: DayRecord = {
        day,
        faults: faults.map((f) => f.kind),
        kills: runs.kills.map((k) => ({ point: k.plan.point, happened: k.happened })),
        runs: runs.runs.map((r) => ({ code: r.code, signal: r.signal, killed: r.killed, ms: r.ms })),
        ...verdictOf(runs.final, faults, lingering, holdToday),
      };
      journal.days.push(record);
      if (options.verbose || record.verdict.endsWith('(unexpected)') || record.verdict === 'hung') say(dayLine(record));
    }

    const settleRuns = await settle(world, journal, injector, stats, options.days);
    const plan = await freshPlan(world);
    const lastDay = Math.max(...journal.desiredByDay.keys());
    const uploads = journal.uploads();
    const checks = [
      checkRunOutcomes(journal.days),
      checkFinalState(journal.desiredByDay.get(lastDay) as DesiredState, world.aspiredu.model),
      checkPlanClean(plan),
      ...checkUploadContent(uploads, journal.desiredByDay, PLACEHOLDER_ID, journal.changedDuringRead),
      ...checkRepeatUploads(uploads, RETRY_MISSING_MS, PLACEHOLDER_ID),
      checkMissingReports({
        emails: world.mail.messages,
        recipient: RECIPIENTS.missingUsers,
        uploads,
        placeholderId: PLACEHOLDER_ID,
        unknownAtEnd: new Set(churn.stillUnknown(lastDay)),
      }),
      ...checkStateAtEnd(world.stateDir),
    ];
    const byStatus: Record<string, number> = {};
    for (const upload of uploads) byStatus[upload.status] = (byStatus[upload.status] ?? 0) + 1;
    return {
      seed: options.seed,
      daysPlanned: options.days,
      days: journal.days,
      settleRuns,
      incomplete,
      checks,
      stats,
      churn: churn.counts,
      unknownStudents: churn.unknown.size,
      wire: { powerschool: wireCounts(world.powerschool), aspiredu: wireCounts(world.aspiredu) },
      tokensIssued: world.powerschool.tokens.issued.length,
      uploads: { total: uploads.length, byStatus },
      emails: world.mail.messages.length,
      durationMs: Date.now() - started,
    };
  } finally {
    await world.close({ keep: options.keepDir });
    if (options.keepDir) say(`Kept ${world.dir}`);
  }
}

function verdictOf(
  final: ChildRun,
  faults: readonly DayFault[],
  lingering: boolean,
  holdToday: boolean,
): Pick<DayRecord, 'verdict' | 'detail'> {
  const mayFail = lingering || faults.some((f) => f.mayFailRun);
  let verdict: RunVerdict;
  if (final.killed === 'hung') verdict = 'hung';
  else if (holdToday) verdict = final.code === 3 ? 'held (deliberate)' : 'failed (unexpected)';
  else if (final.code === 0) verdict = 'done';
  else if (final.code === 3) verdict = 'held (unexpected)';
  else if (final.code === 1 && mayFail) verdict = 'failed (fault injected)';
  else verdict = 'failed (unexpected)';
  if (verdict === 'done' || verdict === 'failed (fault injected)' || verdict === 'held (deliberate)') return { verdict };
  const said = [
    ...final.events
      .filter((e) => e.level >= 50)
      .map((e) => `${e.event}: ${String(e.msg ?? '')} ${JSON.stringify(e.problems ?? e.err ?? e.findings ?? '')}`),
    ...final.otherStderr,
  ];
  return { verdict, detail: `${holdToday ? 'the deliberate hold did not hold; ' : ''}${said.join(' | ').slice(0, 600)}` };
}

/** Quiet runs after the last day, until nothing is left to do: held uploads processed, mail delivered, missing users found. */
async function settle(world: SoakWorld, journal: Journal, injector: FaultInjector, stats: SoakStats, firstDay: number): Promise<number> {
  await injector.restoreAll();
  let runs = 0;
  for (let k = 0; k < MAX_SETTLE_RUNS; k++) {
    const day = firstDay + k;
    world.mail.day = day;
    // Long enough for the missing-user retry to come due.
    await new Promise((resolve) => setTimeout(resolve, RETRY_MISSING_MS + 200));
    journal.desiredByDay.set(day, desiredState(world.powerschool.db, AS_OF_DATE));
    const run = await startCli({ env: world.env }).done;
    runs++;
    stats.addRun(run);
    journal.stampUploads(day);
    journal.days.push({
      day,
      faults: [],
      kills: [],
      runs: [{ code: run.code, signal: run.signal, killed: run.killed, ms: run.ms }],
      ...verdictOf(run, [], false, false),
    });
    const plan = await freshPlan(world);
    if (plan?.totals?.toUpload === 0 && world.aspiredu.model.uploads.every((u) => u.status !== 'uploading')) break;
  }
  return runs;
}

async function freshPlan(world: SoakWorld): Promise<{ totals?: { toUpload?: number }; inFlightUploads?: unknown[] } | undefined> {
  const run = await startCli({ env: world.env, args: ['plan', '--json'] }).done;
  try {
    return JSON.parse(run.stdout) as { totals?: { toUpload?: number }; inFlightUploads?: unknown[] };
  } catch {
    return undefined;
  }
}

function noteLateDigests(world: SoakWorld, stats: SoakStats): void {
  const file = join(world.stateDir, 'sis-sync.db');
  if (!existsSync(file)) return;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    for (const row of db.prepare(`SELECT id FROM notify_outbox`).all() as Array<{ id: number }>) stats.lateDigests.add(row.id);
  } finally {
    db.close();
  }
}

function dayLine(record: DayRecord): string {
  const runs = record.runs.map((r) => (r.killed ? `killed@${r.killed}` : `exit ${r.code}`)).join(' → ');
  return `day ${String(record.day).padStart(3)}: ${runs.padEnd(40)} ${record.verdict}${record.faults.length ? `  [${record.faults.join(', ')}]` : ''}${record.detail ? `\n         ${record.detail}` : ''}`;
}
