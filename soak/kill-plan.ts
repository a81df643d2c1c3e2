import type { Random } from '../src/sim/powerschool/random.js';
import type { LogEvent } from './cli-run.js';

// Where a run is killed with SIGKILL: while it reads PowerSchool, between planning and the
// POST (the upload intent written, the upload maybe not yet created), while it polls, right
// after an upload was recorded, with a digest queued but not sent, the moment the mail server
// took a digest, or at a random time. The delay after the event moves the kill a little
// further each time, so that over a year the kills land all over each phase.

export type KillPoint = 'reading' | 'uploading' | 'polling' | 'recorded' | 'mail-queued' | 'mail-accepted' | 'any-time';

export interface KillPlan {
  point: KillPoint;
  /** The nth matching event (1-based). */
  nth: number;
  delayMs: number;
}

const EVENT_OF: Record<Exclude<KillPoint, 'mail-accepted' | 'any-time'>, string> = {
  reading: 'powerschool.query.read',
  uploading: 'plan.computed',
  polling: 'upload.created',
  recorded: 'upload.finished',
  'mail-queued': 'notify.queued',
};

const POINTS: KillPoint[] = [
  'reading',
  'uploading',
  'uploading',
  'polling',
  'polling',
  'recorded',
  'mail-queued',
  'mail-accepted',
  'any-time',
];

export function drawKill(random: Random): KillPlan {
  const point = random.pick(POINTS);
  switch (point) {
    case 'reading':
      return { point, nth: random.int(1, 6), delayMs: random.int(0, 20) };
    case 'uploading':
      return { point, nth: 1, delayMs: random.int(0, 40) };
    case 'polling':
      return { point, nth: random.int(1, 2), delayMs: random.int(0, 150) };
    case 'recorded':
      return { point, nth: random.int(1, 2), delayMs: random.int(0, 5) };
    case 'mail-queued':
      return { point, nth: 1, delayMs: random.int(0, 10) };
    case 'mail-accepted':
      return { point, nth: 1, delayMs: 0 };
    case 'any-time':
      return { point, nth: 1, delayMs: random.int(100, 1500) };
  }
}

/** Counts events and says when the plan's moment has come. */
export class KillTrigger {
  private seen = 0;

  constructor(readonly plan: KillPlan) {}

  /** True on the nth event the plan waits for. */
  onEvent(event: LogEvent): boolean {
    if (this.plan.point === 'mail-accepted' || this.plan.point === 'any-time') return false;
    if (event.event !== EVENT_OF[this.plan.point]) return false;
    this.seen++;
    return this.seen === this.plan.nth;
  }
}
