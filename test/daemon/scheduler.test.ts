import { afterEach, describe, expect, it } from 'vitest';
import { parseBlackouts } from '../../src/util/blackout.js';
import { createCronMatcher, type CronMatcher } from '../../src/util/cron-matcher.js';
import { RunQueue } from '../../src/daemon/run-queue.js';
import { Scheduler } from '../../src/daemon/scheduler.js';
import { SlotTracker } from '../../src/daemon/slot-tracker.js';
import { ManualClock } from '../helpers/clocks.js';
import { captureLog } from '../helpers/log-capture.js';

// The scheduler woken minute by minute with an injected clock: blackout windows, and the run
// queue that never lets two runs overlap.

const matchers: CronMatcher[] = [];
afterEach(() => {
  for (const m of matchers.splice(0)) m.dispose();
});

function setup(cron: string, timeZone: string, startIso: string, blackout: string[] = []) {
  const clock = new ManualClock(Date.parse(startIso));
  const captured = captureLog();
  const matcher = createCronMatcher(cron);
  matchers.push(matcher);
  const requested: string[] = [];
  const scheduler = new Scheduler({
    tracker: new SlotTracker(matcher.matches, timeZone, clock.now()),
    blackouts: parseBlackouts(blackout),
    timeZone,
    clock,
    log: captured.log,
    requestRun: (trigger) => requested.push(`${new Date(clock.now()).toISOString().slice(0, 16)} ${trigger}`),
  });
  const minutes = (count: number) => {
    for (let i = 0; i < count; i++) {
      clock.ms += 60_000;
      scheduler.tick();
    }
  };
  return { clock, captured, scheduler, requested, minutes };
}

describe('Scheduler', () => {
  it('asks for a run at each scheduled minute, in the configured zone', () => {
    const { requested, minutes, scheduler } = setup('0 5 * * *', 'America/Chicago', '2026-01-05T00:00:00Z');
    expect(scheduler.nextRun()).toBe('2026-01-05 05:00 America/Chicago');
    minutes(2 * 24 * 60);
    expect(requested).toEqual(['2026-01-05T11:00 schedule', '2026-01-06T11:00 schedule']);
  });

  it('runs nothing inside a blackout window, says so once, and resumes after it', () => {
    const { requested, minutes, captured, scheduler, clock } = setup('0 5 * * *', 'America/Chicago', '2026-06-25T00:00:00Z', [
      '2026-06-26/2026-06-28',
    ]);
    minutes(6 * 24 * 60);
    expect(requested).toEqual(['2026-06-25T10:00 schedule', '2026-06-29T10:00 schedule', '2026-06-30T10:00 schedule']);
    const warnings = captured.entries().filter((e) => e.event === 'schedule.blackout');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ window: '2026-06-26/2026-06-28', until: '2026-06-28', level: 'warn' });
    expect(captured.events().filter((e) => e === 'schedule.blackout_skip')).toHaveLength(2);
    expect(captured.events()).toContain('schedule.blackout_over');
    clock.set('2026-06-27T12:00:00Z');
    expect(scheduler.blackoutNow()?.text).toBe('2026-06-26/2026-06-28');
  });

  it('blackout days are wall-clock days of the schedule zone', () => {
    // 23:30 in Chicago is 05:30Z the next day: the run of the 24th (05:30Z on the 25th) happens, the
    // run of the 25th (05:30Z on the 26th) does not.
    const { requested, minutes } = setup('30 23 * * *', 'America/Chicago', '2026-12-24T00:00:00Z', ['2026-12-25']);
    minutes(4 * 24 * 60);
    expect(requested).toEqual(['2026-12-24T05:30 schedule', '2026-12-25T05:30 schedule', '2026-12-27T05:30 schedule']);
  });
});

describe('RunQueue', () => {
  it('never runs two at once: one asked for during a run starts after it, once', async () => {
    const clock = new ManualClock(0);
    const captured = captureLog();
    const log: string[] = [];
    let active = 0;
    let release: () => void = () => undefined;
    const queue = new RunQueue(
      async (trigger) => {
        active++;
        log.push(`start ${trigger} (${active} active)`);
        await new Promise<void>((resolve) => (release = resolve));
        active--;
        log.push(`end ${trigger}`);
      },
      clock,
      captured.log,
    );
    queue.request('start');
    queue.request('schedule');
    queue.request('schedule');
    expect(queue.running).toBe(true);
    release();
    await new Promise((r) => setTimeout(r, 0));
    release();
    await queue.idle();
    expect(log).toEqual(['start start (1 active)', 'end start', 'start schedule (1 active)', 'end schedule']);
    expect(captured.events().filter((e) => e === 'schedule.overlap')).toHaveLength(1);
  });

  it('once closed it starts nothing, and drops the run waiting its turn', async () => {
    const started: string[] = [];
    let release: () => void = () => undefined;
    const queue = new RunQueue(
      async (trigger) => {
        started.push(trigger);
        await new Promise<void>((resolve) => (release = resolve));
      },
      new ManualClock(0),
      captureLog().log,
    );
    queue.request('schedule');
    queue.request('schedule');
    queue.close();
    release();
    await queue.idle();
    queue.request('schedule');
    expect(started).toEqual(['schedule']);
    expect(queue.running).toBe(false);
  });
});
