import { approvableHold } from '../../app/approve-held.js';
import { SisSyncError } from '../../errors.js';
import type { Logger } from '../../log/logger.js';
import type { LinkDecision } from '../../state/hold-decisions.js';
import type { StateStore } from '../../state/store.js';
import { isoNow, type Clock } from '../../util/clock.js';
import { renderHeldPage, heldPageTitle } from './held-page.js';
import { heldViewOf } from './held-view.js';
import { linkStateOf, type LinkState } from './link-state.js';
import {
  getOnActionNotice,
  invalidLinkNotice,
  notApprovableNotice,
  noticeForState,
  notFoundNotice,
  refusedFormNotice,
  renderNotice,
  tooManyNotice,
  unavailableNotice,
  type Notice,
} from './notice-pages.js';
import { checkPageCsrf, newPageCsrf } from './page-csrf.js';
import { renderPage } from './page-layout.js';
import { AddressRateLimit, BAD_TOKEN_COST } from './rate-limit.js';
import type { WebRequest, WebResponse } from './web-server.js';

// The approval page's routes, and nothing else:
//   GET  /held/<token>            the plan, or what the link can no longer do
//   POST /held/<token>/approve    approve once (form with the page's CSRF pair); 303 back
//   POST /held/<token>/decline    "not now"; 303 back
// GET never changes anything. Every answer names no other run and serves no file.

export interface ApprovalRoutesOptions {
  store: StateStore;
  key: Buffer;
  log: Logger;
  clock: Clock;
  district: string;
  timeZone: string;
  limiter: AddressRateLimit;
  /** Asks the daemon for a run that applies the recorded approvals; false when it takes no work. */
  requestApprovalRun(): boolean;
}

const ROUTE = /^\/held\/([^/]{1,2100})(?:\/(approve|decline))?$/;

export function approvalRoutes(options: ApprovalRoutesOptions): (request: WebRequest) => Promise<WebResponse> {
  const page = (notice: Notice): WebResponse => ({
    status: notice.status,
    html: renderPage({ title: notice.title, district: options.district, body: renderNotice(notice) }),
    ...(notice.status === 429 ? { retryAfterSeconds: 60 } : {}),
  });

  return async (request) => {
    const match = ROUTE.exec(request.path);
    if (!match) return page(notFoundNotice());
    const token = decodeURIComponent(match[1] as string);
    const action = match[2] as 'approve' | 'decline' | undefined;
    if (!options.limiter.take(request.client)) {
      options.log.warn({ event: 'web.rate_limited', client: request.client }, 'Too many link checks from one address');
      return page(tooManyNotice());
    }
    const state = linkStateOf(options.store, options.key, token, options.clock.now());
    if (state.kind === 'invalid') {
      options.limiter.penalise(request.client, BAD_TOKEN_COST);
      options.log.warn({ event: 'web.bad_link', client: request.client, method: request.method }, 'A link that is not valid was opened');
      return page(invalidLinkNotice());
    }
    if (action && request.method === 'GET') return { ...page(getOnActionNotice()), allow: 'POST' };
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST')
      return { ...page(notFoundNotice()), status: 405, allow: 'GET, POST' };
    if (!action) {
      if (request.method === 'POST') return { ...page(getOnActionNotice()), allow: 'GET' };
      return state.kind === 'open' ? heldPage(state, token, request) : page(noticeForState(state, options.timeZone));
    }
    if (state.kind !== 'open') return page(noticeForState(state, options.timeZone));
    if (
      request.fetchSite === 'cross-site' ||
      !checkPageCsrf(options.key, token, request.form.get('nonce') ?? undefined, request.form.get('csrf') ?? undefined)
    ) {
      options.log.warn(
        { event: 'web.form_refused', heldRunId: state.claims.runId, client: request.client },
        'A decision form without its page token was refused',
      );
      return page(refusedFormNotice());
    }
    return action === 'approve' ? approve(state, token) : decline(state, token);
  };

  function heldPage(state: Extract<LinkState, { kind: 'open' }>, token: string, request: WebRequest): WebResponse {
    const view = heldViewOf(options.store, state.hold, {
      query: request.query.get('q') ?? undefined,
      page: request.query.get('page') ?? undefined,
    });
    const body = renderHeldPage({ view, claims: state.claims, token, csrf: newPageCsrf(options.key, token), timeZone: options.timeZone });
    return { status: 200, html: renderPage({ title: heldPageTitle(view), district: options.district, body }) };
  }

  /** After a decision: back to the link's own page (relative, so that a proxy's path prefix stays). */
  function backToPage(token: string): WebResponse {
    return { status: 303, location: `../${encodeURIComponent(token)}` };
  }

  /** Two clicks at once: the second finds the first one's decision. */
  function alreadyDecided(token: string): WebResponse {
    const now = linkStateOf(options.store, options.key, token, options.clock.now());
    return now.kind === 'open' || now.kind === 'invalid'
      ? page(invalidLinkNotice())
      : { ...page(noticeForState(now, options.timeZone)), status: 409 };
  }

  /** The recipient's decision, kept once per hold; false when another click decided first. */
  function recordDecision(state: Extract<LinkState, { kind: 'open' }>, decision: LinkDecision): boolean {
    const { claims, hold } = state;
    return options.store.holdDecisions.record({
      runId: hold.runId,
      tokenId: claims.id,
      fingerprint: hold.fingerprint,
      decision,
      decidedBy: claims.recipient,
      decidedAt: isoNow(options.clock),
    });
  }

  function approve(state: Extract<LinkState, { kind: 'open' }>, token: string): WebResponse {
    const { claims, hold } = state;
    try {
      approvableHold(options.store, hold.runId);
    } catch (error) {
      return page(notApprovableNotice((error as SisSyncError).message));
    }
    if (!recordDecision(state, 'approved')) return alreadyDecided(token);
    options.log.warn(
      { event: 'guard.approval_requested', heldRunId: hold.runId, by: claims.recipient, via: 'link' },
      'Held plan approved through a link; the approval runs next',
    );
    if (!options.requestApprovalRun()) return page(unavailableNotice());
    return backToPage(token);
  }

  function decline(state: Extract<LinkState, { kind: 'open' }>, token: string): WebResponse {
    const { claims, hold } = state;
    if (!recordDecision(state, 'declined')) return alreadyDecided(token);
    options.log.info(
      { event: 'guard.declined', heldRunId: hold.runId, by: claims.recipient, via: 'link' },
      'Held plan declined through a link; the run stays held',
    );
    return backToPage(token);
  }
}
