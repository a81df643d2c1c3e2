import type { HoldDecision } from '../../state/hold-decisions.js';
import type { HoldRecord } from '../../state/holds.js';
import { formatTime } from '../../util/format-time.js';
import { html, type Html } from './html.js';
import type { LinkState } from './link-state.js';

// Every page that is not the plan itself: a link that is not valid, expired, already used, a
// hold closed or changed since, a refused form. Each says what happened and what to do, and
// shows nothing of the plan.

export interface Notice {
  status: number;
  title: string;
  tone: 'alert' | 'ok' | 'wait';
  lines: Array<string | Html>;
}

export function renderNotice(notice: Notice): Html {
  return html`<section class="card banner ${notice.tone === 'alert' ? '' : notice.tone}" aria-labelledby="title">
    <h1 id="title">${notice.title}</h1>
    ${notice.lines.map((line) => html`<p>${line}</p>`)}
  </section>`;
}

const ON_THE_SERVER = html`On the server, <code>sis-sync status</code> shows the held runs and <code>sis-sync approve N</code> applies one.`;

export function invalidLinkNotice(): Notice {
  return {
    status: 404,
    title: 'This link is not valid',
    tone: 'alert',
    lines: ['Check that the whole link was copied from the email; a link changed by hand does not work.', ON_THE_SERVER],
  };
}

/** What a link that cannot (or can no longer) decide shows. */
export function noticeForState(state: Exclude<LinkState, { kind: 'open' | 'invalid' }>, timeZone: string): Notice {
  const when = (iso: string | number) => formatTime(iso, timeZone);
  switch (state.kind) {
    case 'expired':
      return {
        status: 410,
        title: 'This link has expired',
        tone: 'alert',
        lines: [
          `It worked until ${when(state.claims.expiresAt)}. The run may still be held: the next held digest brings a new link.`,
          ON_THE_SERVER,
        ],
      };
    case 'decided':
      return decidedNotice(state.decision, state.hold, when);
    case 'changed':
      return {
        status: 409,
        title: 'The plan has changed',
        tone: 'alert',
        lines: [
          `Run ${state.claims.runId} is no longer held with the plan this link was made for: the data changed, and a later run was held with another plan. Nothing was uploaded.`,
          'The newest held digest has a link to the current plan.',
        ],
      };
    case 'closed':
      return { status: 409, title: 'Already decided', tone: 'ok', lines: [closedLine(state.hold, when)] };
  }
}

function closedLine(hold: HoldRecord, when: (iso: string) => string): string {
  const at = when(hold.resolvedAt ?? '');
  const by = hold.resolvedBy ? ` by ${hold.resolvedBy}` : '';
  const via = hold.resolvedVia === 'link' ? ' through a link like this one' : hold.resolvedVia === 'cli' ? ' on the server' : '';
  switch (hold.resolution) {
    case 'approved':
      return `The hold of run ${hold.runId} was approved${by}${via} on ${at}; run ${hold.resolvedRunId} applied it.`;
    case 'overridden':
      return `The hold of run ${hold.runId} was overridden${by}${via} on ${at} (--allow-deletes); run ${hold.resolvedRunId} went ahead.`;
    case 'recovered':
      return `The hold of run ${hold.runId} ended on ${at}: run ${hold.resolvedRunId} found the data back to normal and went ahead.`;
    default:
      return `The hold of run ${hold.runId} ended on ${at}.`;
  }
}

function decidedNotice(decision: HoldDecision, hold: HoldRecord | undefined, when: (iso: string) => string): Notice {
  const used = `This link was used on ${when(decision.decidedAt)} and cannot decide again.`;
  if (decision.decision === 'declined') {
    return {
      status: 200,
      title: 'Already decided: not now',
      tone: 'wait',
      lines: [
        `${decision.decidedBy} declined to approve run ${decision.runId}. The run stays held and nothing changed in AspirEDU.`,
        used,
        ON_THE_SERVER,
      ],
    };
  }
  if (decision.outcome === null) {
    return {
      status: 200,
      title: 'Approved: uploading',
      tone: 'wait',
      lines: [
        `${decision.decidedBy} approved the held plan of run ${decision.runId}. sis-sync is applying it now, after any run already going.`,
        'Reload this page to see the outcome.',
      ],
    };
  }
  const run = decision.outcomeRunId !== null ? `Run ${decision.outcomeRunId}` : 'The run';
  const outcome: Record<string, Omit<Notice, 'status' | 'lines'> & { line: string }> = {
    success: {
      title: 'Already decided: approved and uploaded',
      tone: 'ok',
      line: `${run} applied the held plan: AspirEDU has the new memberships.`,
    },
    held: {
      title: 'Already decided: approved, but the plan had changed',
      tone: 'alert',
      line: `${run} found that the data gave another plan than the one approved, so it uploaded nothing and was held again. A new digest tells what changed.`,
    },
    failed: {
      title: 'Already decided: approved, but the upload failed',
      tone: 'alert',
      line: `${run} applied the approval but some uploads failed; the digest for that run says which. \`sis-sync status\` on the server shows more.`,
    },
  };
  const known = outcome[decision.outcome];
  if (known)
    return {
      status: 200,
      title: known.title,
      tone: known.tone,
      lines: [`${decision.decidedBy} approved the held plan of run ${decision.runId}.`, known.line, used],
    };
  return {
    status: 200,
    title: 'Already decided: approved, but it did not run',
    tone: 'alert',
    lines: [
      `${decision.decidedBy} approved the held plan of run ${decision.runId}, but it could not be applied: ${decision.outcome}.`,
      hold && !hold.resolvedAt ? `Run ${hold.runId} is still held. ${ON_THE_SERVER}` : used,
    ],
  };
}

export function refusedFormNotice(): Notice {
  return {
    status: 403,
    title: 'Nothing was changed: this form did not come from the page',
    tone: 'alert',
    lines: ['A decision needs the buttons on the page the link opens. Open the link from the email again and use them there.'],
  };
}

export function getOnActionNotice(): Notice {
  return {
    status: 405,
    title: 'Nothing was changed: use the buttons on the page',
    tone: 'alert',
    lines: ['Opening this address does not approve anything. Open the link from the email and use the buttons on that page.'],
  };
}

export function tooManyNotice(): Notice {
  return {
    status: 429,
    title: 'Too many attempts',
    tone: 'alert',
    lines: ['This address tried too many links in a short time. Wait a minute and open the link from the email again.'],
  };
}

export function notApprovableNotice(reason: string): Notice {
  return { status: 409, title: 'This run cannot be approved here', tone: 'alert', lines: [reason, ON_THE_SERVER] };
}

export function unavailableNotice(): Notice {
  return {
    status: 503,
    title: 'Approval recorded: sis-sync is stopping',
    tone: 'wait',
    lines: [
      'Your approval is recorded. The service is stopping, so it is applied when the service starts again; open this link then to see the outcome.',
    ],
  };
}

export function notFoundNotice(): Notice {
  return {
    status: 404,
    title: 'Not found',
    tone: 'alert',
    lines: ['This server only shows held runs, through the link in a held digest.'],
  };
}
