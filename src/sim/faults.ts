// Fault injection for the simulators: answer the next N matching requests with a status, an
// HTML page, truncated JSON, or a dropped connection (before or after the request is handled).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { dropConnection, sendText } from './http-kit.js';

export type FaultAction =
  | {
      kind: 'status';
      status: number;
      body?: unknown;
      headers?: Record<string, string>;
      /** Every `{authorization}` in the body becomes the request's Authorization header, as a careless server's error text does. */
      echoAuthorization?: boolean;
    }
  | { kind: 'html'; status: number }
  | { kind: 'truncated-json' }
  | { kind: 'drop' }
  /** Handle the request (an upload is created), then cut the connection before answering. */
  | { kind: 'drop-after-handling' };

export interface FaultMatch {
  method?: string;
  /** The path starts with this, or matches this expression. */
  path?: string | RegExp;
}

interface FaultRule {
  match: FaultMatch;
  remaining: number;
  action: FaultAction;
}

export class Faults {
  private rules: FaultRule[] = [];
  /** Added to every answer, in milliseconds. */
  latencyMs = 0;

  add(action: FaultAction, times = 1, match: FaultMatch = {}): void {
    this.rules.push({ match, remaining: times, action });
  }

  /** The next `times` matching requests answer `status` (with `Retry-After` if given). */
  failNext(times: number, status: number, match: FaultMatch = {}, retryAfterSeconds?: number): void {
    const headers: Record<string, string> = retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : {};
    this.add(
      { kind: 'status', status, body: { detail: status === 429 ? 'Request was throttled.' : 'Server Error' }, headers },
      times,
      match,
    );
  }

  /** The next `times` matching requests answer `status` with an error text that quotes the request's Authorization header. */
  echoAuthorizationNext(times: number, status: number, match: FaultMatch = {}): void {
    this.add(
      { kind: 'status', status, body: { detail: 'Request rejected (received Authorization: {authorization}).' }, echoAuthorization: true },
      times,
      match,
    );
  }

  dropNext(times: number, match: FaultMatch = {}): void {
    this.add({ kind: 'drop' }, times, match);
  }

  clear(): void {
    this.rules = [];
    this.latencyMs = 0;
  }

  /** Consumes and returns the fault for this request, if one applies. */
  take(method: string, path: string): FaultAction | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && matches(r.match, method, path));
    if (!rule) return undefined;
    rule.remaining--;
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return rule.action;
  }
}

/** The fault's body with the request's Authorization header put in, when the fault echoes it. */
export function faultBody(action: Extract<FaultAction, { kind: 'status' }>, authorization: string | undefined): unknown {
  if (!action.echoAuthorization) return action.body;
  return JSON.parse(JSON.stringify(action.body ?? {}).replaceAll('{authorization}', (authorization ?? '').replaceAll('"', '\\"')));
}

function matches(match: FaultMatch, method: string, path: string): boolean {
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.path === undefined) return true;
  return typeof match.path === 'string' ? path.startsWith(match.path) : match.path.test(path);
}

/** How one simulated server words a fault: its own outage page, its own JSON cut short, its own error answer. */
export interface FaultWording {
  outagePage: string;
  cutJson: string;
  jsonType: string;
  answerStatus(fault: Extract<FaultAction, { kind: 'status' }>): void;
}

/** Answers a fault instead of the request; a dropped connection is marked so in the request log. */
export function answerFault(
  req: IncomingMessage,
  res: ServerResponse,
  fault: FaultAction,
  entry: { status: number | 'dropped' },
  wording: FaultWording,
): void {
  if (fault.kind === 'drop' || fault.kind === 'drop-after-handling') {
    entry.status = 'dropped';
    dropConnection(req);
  } else if (fault.kind === 'html') {
    sendText(res, fault.status, wording.outagePage, 'text/html');
  } else if (fault.kind === 'truncated-json') {
    sendText(res, 200, wording.cutJson, wording.jsonType);
  } else {
    wording.answerStatus(fault);
  }
}
