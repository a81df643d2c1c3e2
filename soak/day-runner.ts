import type { Random } from '../src/sim/powerschool/random.js';
import { startCli, type ChildRun, type RunningChild } from './cli-run.js';
import type { DayFault } from './faults/fault-injector.js';
import { drawKill, KillTrigger, type KillPlan } from './kill-plan.js';
import type { MailCatcher } from './mail-catcher.js';

// One scheduled run of a school day: `sis-sync once` in a child process, killed where the day's
// plan says, and started again straight away (as systemd or a container runtime would) until a
// run ends on its own. A restart may be killed too, now and then.

export interface DayRunInput {
  env: Record<string, string>;
  mail: MailCatcher;
  random: Random;
  /** Chance that the first run is killed, and (smaller) that a restart is. */
  killChance: number;
  faults: readonly DayFault[];
}

export interface DayRuns {
  runs: ChildRun[];
  /** Where each kill was planned, and whether the run got there before it ended. */
  kills: Array<{ plan: KillPlan; happened: boolean }>;
  /** The run that ended on its own (the last one). */
  final: ChildRun;
}

const MAX_RUNS_PER_DAY = 4;

export async function runDay(input: DayRunInput): Promise<DayRuns> {
  const runs: ChildRun[] = [];
  const kills: DayRuns['kills'] = [];
  // Drawn whatever happens, so that the day's stream does not depend on how the runs went.
  const plans = Array.from({ length: MAX_RUNS_PER_DAY - 1 }, (_, i) => {
    const kill = input.random.chance(i === 0 ? input.killChance : input.killChance / 3);
    const plan = drawKill(input.random);
    return kill ? plan : undefined;
  });
  const eventFaults = input.faults.flatMap((f) => (f.onEvent ? [{ ...f.onEvent, seen: 0, done: false }] : []));
  for (let attempt = 0; attempt < MAX_RUNS_PER_DAY; attempt++) {
    const plan = plans[attempt];
    const run = await runOnce(input, plan, eventFaults);
    runs.push(run);
    if (plan) kills.push({ plan, happened: run.killed !== undefined });
    if (!run.killed || run.killed === 'hung') break;
  }
  return { runs, kills, final: runs[runs.length - 1] as ChildRun };
}

async function runOnce(
  input: DayRunInput,
  plan: KillPlan | undefined,
  eventFaults: Array<{ event: string; nth: number; act: () => void; seen: number; done: boolean }>,
): Promise<ChildRun> {
  const trigger = plan ? new KillTrigger(plan) : undefined;
  const killLater = (child: RunningChild, delayMs: number) =>
    delayMs > 0 ? setTimeout(() => child.kill(plan?.point ?? 'kill'), delayMs) : child.kill(plan?.point ?? 'kill');
  const child = startCli({
    env: input.env,
    onEvent: (event, running) => {
      for (const fault of eventFaults) {
        if (fault.done || event.event !== fault.event || ++fault.seen !== fault.nth) continue;
        fault.done = true;
        fault.act();
      }
      if (plan && trigger?.onEvent(event)) killLater(running, plan.delayMs);
    },
  });
  if (plan?.point === 'any-time') killLater(child, plan.delayMs);
  if (plan?.point === 'mail-accepted') input.mail.onMessage = () => child.kill('mail-accepted');
  try {
    return await child.done;
  } finally {
    input.mail.onMessage = undefined;
  }
}
