import type { AspirEduSim } from '../../src/sim/aspiredu/server.js';
import type { PowerSchoolSim } from '../../src/sim/powerschool/server.js';
import type { Random } from '../../src/sim/powerschool/random.js';
import type { MailCatcher } from '../mail-catcher.js';
import type { FaultRates } from '../options.js';

// The trouble of one school day, drawn from the soak's seeded random numbers and put into the
// simulators before the day's run: HTTP faults of both APIs (retried within the run, or an
// outage that fails it), an expired PowerSchool token, uploads that never finish until
// released days later, an upload that ends in error, and the mail server down for days.

export type FaultKind =
  | 'ps-5xx'
  | 'ps-429'
  | 'ps-drop'
  | 'ps-outage'
  | 'ps-token-expired'
  | 'ps-token-expires-mid-read'
  | 'ps-change-during-read'
  | 'ae-5xx-on-upload'
  | 'ae-429-on-upload'
  | 'ae-drop-on-upload'
  | 'ae-answer-lost'
  | 'ae-answer-lost-list-failing'
  | 'ae-poll-5xx'
  | 'ae-poll-drop'
  | 'ae-slow'
  | 'ae-upload-error'
  | 'ae-uploads-held'
  | 'ae-uploads-released'
  | 'mail-down'
  | 'mail-back'
  | 'mail-refusing';

export interface DayFault {
  kind: FaultKind;
  /** The run may end in failure because of it (exit 1), which is then no finding. */
  mayFailRun: boolean;
  /** Something to do on a log event of the run (a token that expires mid-read). */
  onEvent?: { event: string; nth: number; act: () => void };
}

const UPLOAD_POST = { method: 'POST', path: /\/detective\/api\/v2\/dashboard\/upload\/$/ };
const UPLOAD_LIST = { method: 'GET', path: /\/detective\/api\/v2\/dashboard\/upload\/$/ };
const UPLOAD_DETAIL = { method: 'GET', path: /\/detective\/api\/v2\/dashboard\/upload\/[^/]+\/$/ };
const POWERQUERY = { path: '/ws/schema/' };

export class FaultInjector {
  private mailBackOn: number | undefined;
  private releaseOn: number | undefined;
  /** Upload failures injected; one not yet used up waits for the next upload, whatever day that is. */
  private uploadErrorsInjected = 0;

  constructor(
    private readonly sims: { powerschool: PowerSchoolSim; aspiredu: AspirEduSim; mail: MailCatcher },
    private readonly rates: FaultRates,
    /** Makes the registrar's change while the enrolments are being read. */
    private readonly changeDuringRead: () => void = () => undefined,
  ) {}

  /** Trouble left from earlier days that may still fail a run: uploads held, or an upload failure not used up. */
  get lingering(): boolean {
    const { uploads } = this.sims.aspiredu.model;
    const held = uploads.some((u) => u.status === 'uploading' && u.finishAt === null);
    return this.releaseOn !== undefined || held || this.uploadErrorPending();
  }

  private uploadErrorPending(): boolean {
    return this.sims.aspiredu.model.uploads.filter((u) => u.status === 'error').length < this.uploadErrorsInjected;
  }

  /** The day's first news: held uploads whose day has come are released, a mail server whose outage ended is back. */
  async beginDay(day: number): Promise<DayFault[]> {
    const news: DayFault[] = [];
    const { aspiredu, mail } = this.sims;
    if (this.releaseOn !== undefined && day >= this.releaseOn) {
      aspiredu.holdUploads = false;
      aspiredu.releaseHeldUploads();
      this.releaseOn = undefined;
      news.push({ kind: 'ae-uploads-released', mayFailRun: false });
    }
    if (this.mailBackOn !== undefined && day >= this.mailBackOn) {
      await mail.restore();
      this.mailBackOn = undefined;
      news.push({ kind: 'mail-back', mayFailRun: false });
    }
    mail.refusing = false;
    return news;
  }

  /** Draws and injects the day's faults. `quiet`: none that may fail the run (a deliberate hold is due). */
  async drawFaults(day: number, random: Random, quiet: boolean): Promise<DayFault[]> {
    const faults: DayFault[] = [];
    const { powerschool, aspiredu, mail } = this.sims;
    if (random.chance(this.rates.powerschool)) faults.push(this.powerschoolFault(powerschool, random, quiet));
    if (random.chance(this.rates.aspiredu)) faults.push(this.aspireduFault(aspiredu, random, quiet));
    if (random.chance(this.rates.heldUploads) && !quiet && this.releaseOn === undefined) {
      aspiredu.holdUploads = true;
      this.releaseOn = day + random.int(1, 3);
      faults.push({ kind: 'ae-uploads-held', mayFailRun: true });
    }
    if (random.chance(this.rates.uploadError) && !quiet && !this.uploadErrorPending()) {
      aspiredu.failNextUploads(1, 'The upload could not be processed: internal error.');
      this.uploadErrorsInjected++;
      faults.push({ kind: 'ae-upload-error', mayFailRun: true });
    }
    if (random.chance(this.rates.mail) && this.mailBackOn === undefined && mail.up) {
      if (random.chance(0.7)) {
        await mail.down();
        this.mailBackOn = day + random.int(2, 6);
        faults.push({ kind: 'mail-down', mayFailRun: false });
      } else {
        mail.refusing = true;
        faults.push({ kind: 'mail-refusing', mayFailRun: false });
      }
    }
    if (random.chance(this.rates.changeDuringRead)) {
      // The enrolments are read right after the section teachers; slower pages widen the window.
      powerschool.faults.latencyMs = 10;
      faults.push({
        kind: 'ps-change-during-read',
        mayFailRun: true,
        onEvent: { event: 'powerschool.query.read', nth: 5, act: () => setTimeout(this.changeDuringRead, 30) },
      });
    }
    return faults;
  }

  /** HTTP faults nobody ran into today are not carried into tomorrow. */
  endDay(): void {
    this.sims.powerschool.faults.clear();
    this.sims.aspiredu.faults.clear();
  }

  /** The end of the year: everything works again, held uploads are processed, mail is up. */
  async restoreAll(): Promise<void> {
    this.endDay();
    const { aspiredu, mail } = this.sims;
    aspiredu.holdUploads = false;
    aspiredu.releaseHeldUploads();
    this.releaseOn = undefined;
    await mail.restore();
    mail.refusing = false;
    this.mailBackOn = undefined;
  }

  private powerschoolFault(sim: PowerSchoolSim, random: Random, quiet: boolean): DayFault {
    const drawn = random.pick<FaultKind>(['ps-5xx', 'ps-429', 'ps-drop', 'ps-outage', 'ps-token-expired', 'ps-token-expires-mid-read']);
    // On a day that must not fail, an outage is only a passing error.
    const kind = quiet && drawn === 'ps-outage' ? 'ps-5xx' : drawn;
    switch (kind) {
      case 'ps-5xx':
        sim.faults.failNext(random.int(1, 3), random.pick([500, 502, 503]), POWERQUERY);
        return { kind, mayFailRun: false };
      case 'ps-429':
        sim.faults.failNext(random.int(1, 3), 429, POWERQUERY, random.int(0, 1));
        return { kind, mayFailRun: false };
      case 'ps-drop':
        sim.faults.dropNext(random.int(1, 2), POWERQUERY);
        return { kind, mayFailRun: false };
      case 'ps-outage':
        // Longer than every retry of one request: the run fails, and nothing may be uploaded.
        sim.faults.failNext(40, 503, POWERQUERY);
        return { kind, mayFailRun: true };
      case 'ps-token-expired':
        sim.tokens.expireAll();
        return { kind, mayFailRun: false };
      default:
        return {
          kind: 'ps-token-expires-mid-read',
          mayFailRun: false,
          onEvent: { event: 'powerschool.query.read', nth: random.int(1, 5), act: () => sim.tokens.expireAll() },
        };
    }
  }

  private aspireduFault(sim: AspirEduSim, random: Random, quiet: boolean): DayFault {
    const drawn = random.pick<FaultKind>([
      'ae-5xx-on-upload',
      'ae-429-on-upload',
      'ae-drop-on-upload',
      'ae-answer-lost',
      'ae-answer-lost-list-failing',
      'ae-poll-5xx',
      'ae-poll-drop',
      'ae-slow',
    ]);
    const kind = quiet && drawn === 'ae-answer-lost-list-failing' ? 'ae-answer-lost' : drawn;
    switch (kind) {
      case 'ae-5xx-on-upload':
        sim.faults.failNext(random.int(1, 2), random.pick([500, 502, 503]), UPLOAD_POST);
        return { kind, mayFailRun: false };
      case 'ae-429-on-upload':
        sim.faults.failNext(random.int(1, 2), 429, UPLOAD_POST, random.int(0, 1));
        return { kind, mayFailRun: false };
      case 'ae-drop-on-upload':
        sim.faults.dropNext(1, UPLOAD_POST);
        return { kind, mayFailRun: false };
      case 'ae-answer-lost':
        // AspirEDU creates the upload, then the connection drops before the answer.
        sim.faults.add({ kind: 'drop-after-handling' }, 1, UPLOAD_POST);
        return { kind, mayFailRun: false };
      case 'ae-answer-lost-list-failing':
        // ... and its upload list, where sis-sync looks for the upload, fails for a while.
        sim.faults.add({ kind: 'drop-after-handling' }, 1, UPLOAD_POST);
        sim.faults.failNext(random.int(2, 12), 503, UPLOAD_LIST);
        return { kind, mayFailRun: true };
      case 'ae-poll-5xx':
        sim.faults.failNext(random.int(1, 4), random.pick([502, 503]), UPLOAD_DETAIL);
        return { kind, mayFailRun: false };
      case 'ae-poll-drop':
        sim.faults.dropNext(random.int(1, 2), UPLOAD_DETAIL);
        return { kind, mayFailRun: false };
      default:
        sim.faults.latencyMs = 150;
        return { kind: 'ae-slow', mayFailRun: false };
    }
  }
}
