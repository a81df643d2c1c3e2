import type { LinkClaims } from '../../app/approval-link/link-token.js';
import { formatTime } from '../../util/format-time.js';
import type { HeldView, ViewDashboard, ViewPerson } from './held-view.js';
import { html, type Html } from './html.js';
import type { PageCsrf } from './page-csrf.js';

// The page of an open hold: why it was held, what it would do, to whom, and the two buttons.
// Every link and form is relative to the page's own address, so that the page works behind a
// reverse proxy that serves it under a path of its own.

export interface HeldPageInput {
  view: HeldView;
  claims: LinkClaims;
  /** The token as it appears in the page's own path. */
  token: string;
  csrf: PageCsrf;
  timeZone: string;
}

export function heldPageTitle(view: HeldView): string {
  return `Run ${view.runId} is held: review and decide`;
}

export function renderHeldPage(input: HeldPageInput): Html {
  const { view, claims, timeZone } = input;
  const losing = view.dashboards.reduce((sum, d) => sum + d.losing, 0);
  return html`<section class="card banner" aria-labelledby="title">
      <h1 id="title">Run ${view.runId} was held: nothing was uploaded</h1>
      <p>
        It would remove ${count(losing, 'membership')} from ${count(view.dashboards.length, 'dashboard')}. Until someone decides, sis-sync
        changes nothing in AspirEDU.
      </p>
      <p class="meta">
        Held since ${formatTime(view.heldSince, timeZone)}; last seen ${formatTime(view.lastSeenAt, timeZone)}. This link was sent to
        ${claims.recipient} and works until ${formatTime(claims.expiresAt, timeZone)}.
      </p>
    </section>
    <section class="card" aria-labelledby="why">
      <h2 id="why">Why it was held</h2>
      <ul class="reasons">
        ${view.reasons.map((r) => html`<li>${r}</li>`)}
      </ul>
    </section>
    ${dashboardsSection(view.dashboards)} ${schoolsSection(view)} ${peopleSection(view, input.token)} ${decideSection(input)}`;
}

function dashboardsSection(dashboards: readonly ViewDashboard[]): Html {
  if (dashboards.length === 0) return html``;
  return html`<section class="card" aria-labelledby="dashboards">
    <h2 id="dashboards">Dashboards that would lose members</h2>
    <div class="table-scroll">
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">Dashboard</th>
            <th scope="col">Holds</th>
            <th scope="col" class="num">Members now</th>
            <th scope="col" class="num">After</th>
            <th scope="col" class="num">Would lose</th>
          </tr>
        </thead>
        <tbody>
          ${dashboards.map(
            (d) =>
              html`<tr>
                <th scope="row" data-label="Dashboard">
                  ${d.name}${d.account ? html` <span class="muted">(account ${d.account})</span>` : ''}
                </th>
                <td data-label="Holds">${d.dataType === 'student' ? 'students' : 'viewers'}</td>
                <td class="num" data-label="Members now">${n(d.before)}</td>
                <td class="num" data-label="After">${n(d.after)}</td>
                <td class="num lose" data-label="Would lose">${n(d.losing)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}

function schoolsSection(view: HeldView): Html {
  if (view.schools.length === 0 || view.schools.every((s) => s.school === '')) return html``;
  return html`<section class="card" aria-labelledby="schools">
    <h2 id="schools">Schools affected</h2>
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">School</th>
            <th scope="col" class="num">People leaving a dashboard</th>
          </tr>
        </thead>
        <tbody>
          ${view.schools.map(
            (s) =>
              html`<tr>
                <td>${s.school || html`<span class="muted">School not known</span>`}</td>
                <td class="num">${n(s.people)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}

function peopleSection(view: HeldView, token: string): Html {
  const { people } = view;
  const summary = people.query
    ? `${count(people.matching, 'removal')} match “${people.query}” (of ${n(people.total)}).`
    : `${count(people.total, 'removal')} in all.`;
  return html`<section class="card" aria-labelledby="people">
    <h2 id="people">People who would leave a dashboard</h2>
    <form class="search" method="get" action="${token}" role="search">
      <div class="field">
        <label for="q">Search by name, SIS id, school or dashboard</label>
        <input type="search" id="q" name="q" value="${people.query}" maxlength="100" autocomplete="off" />
      </div>
      <button type="submit">Search</button>${people.query ? html` <a class="button" href="${token}">Show everyone</a>` : ''}
    </form>
    <p class="muted" aria-live="polite">${summary}</p>
    ${people.shown.length === 0 ? html`<p>No one matches.</p>` : peopleTable(people.shown, people.namesKnown)} ${pagesNav(view, token)}
  </section>`;
}

/** Name and school columns only when the source knows people (a rows file gives ids alone). */
function peopleTable(rows: readonly ViewPerson[], namesKnown: boolean): Html {
  return html`<div class="table-scroll">
    <table class="stack">
      <thead>
        <tr>
          ${namesKnown ? html`<th scope="col">Name</th>` : ''}
          <th scope="col">SIS id</th>
          ${namesKnown ? html`<th scope="col">School</th>` : ''}
          <th scope="col">Would leave</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (p) =>
            html`<tr>
              ${namesKnown ? html`<td data-label="Name">${p.name ?? html`<span class="muted">Not in the roster</span>`}</td>` : ''}
              <td data-label="SIS id"><code>${p.id}</code></td>
              ${namesKnown ? html`<td data-label="School">${p.school ?? ''}</td>` : ''}
              <td data-label="Would leave">${p.dashboard}${p.dataType === 'viewer' ? html` <span class="muted">(viewer)</span>` : ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function pagesNav(view: HeldView, token: string): Html {
  const { page, pages, query } = view.people;
  if (pages <= 1) return html``;
  const href = (p: number) => `${token}?${new URLSearchParams({ ...(query ? { q: query } : {}), page: String(p) }).toString()}`;
  return html`<nav class="pages" aria-label="Pages of people">
    ${page > 1 ? html`<a class="button" href="${href(page - 1)}" rel="prev">Previous page</a>` : html`<span></span>`}
    <span aria-current="page">Page ${page} of ${pages}</span>
    ${page < pages ? html`<a class="button" href="${href(page + 1)}" rel="next">Next page</a>` : html`<span></span>`}
  </nav>`;
}

function decideSection(input: HeldPageInput): Html {
  const { view, token, csrf } = input;
  const hidden = html`<input type="hidden" name="nonce" value="${csrf.nonce}" /><input type="hidden" name="csrf" value="${csrf.csrf}" />`;
  return html`<section class="card" aria-labelledby="decide">
    <h2 id="decide">Your decision</h2>
    <div class="decide">
      <form method="post" action="${token}/approve">
        ${hidden}
        <p>
          If these removals are expected (the end of a term, a school closing, a schedule rebuilt), apply this plan once, as
          <code>sis-sync approve ${view.runId}</code> does. If the data changed since, nothing is uploaded and a new digest says what
          changed.
        </p>
        <button type="submit" class="primary">Approve and upload</button>
      </form>
      <form method="post" action="${token}/decline">
        ${hidden}
        <p>
          If they are not expected, the export from PowerSchool is probably incomplete. “Not now” records that you looked and declined; the
          run stays held and nothing changes in AspirEDU.
        </p>
        <button type="submit">Not now</button>
      </form>
    </div>
  </section>`;
}

function n(value: number): string {
  return value.toLocaleString('en-US');
}

function count(value: number, noun: string): string {
  return `${n(value)} ${noun}${value === 1 ? '' : 's'}`;
}
