// Every log event name, with when it is logged: the one list of them. Names are a public
// interface (operators' log systems group and alert on them), so none is ever renamed.
// docs/reference/log-events.md is written from this list (`npm run docs`), and
// test/docs/reference-tables.test.ts fails when the code logs an event not listed here, so a
// misspelt name in a log call fails the tests. Events described by one sentence share a group.

export interface LogEventGroup {
  readonly events: readonly string[];
  /** Those of `events` logged at debug level, written only with --log-level debug. */
  readonly debug?: readonly string[];
  /** When they are logged, one sentence for the group (Markdown). */
  readonly when: string;
}

export interface LogEventSection {
  readonly title: string;
  readonly groups: readonly LogEventGroup[];
}

/** The events a reader meets first, in the order of a run and the daemon's life. */
export const COMMON_LOG_EVENTS = [
  {
    events: ['run.started', 'run.finished', 'run.failed'],
    when: 'A run begins and ends; `run.finished` carries the counts and, when it failed, the problems.',
  },
  {
    events: ['run.timed_out'],
    when: 'A run went on past `sync.runTimeoutMinutes` and was stopped (`abandoned: true` when it did not stop when told and was left behind).',
  },
  {
    events: ['run.stop_requested', 'run.interrupted', 'run.forced_stop', 'run.stop_timeout'],
    when: '`once` got SIGTERM, SIGINT or SIGHUP; the run was recorded as interrupted; a second signal, or the grace period, stopped it at once.',
  },
  {
    events: ['source.loaded', 'source.warning'],
    when: 'The source was read; something in it deserves a look (an ally conflict).',
  },
  {
    events: ['plan.computed'],
    when: 'Per action, how many dashboards; memberships added and removed.',
  },
  {
    events: ['upload.created', 'upload.finished'],
    when: 'An upload was accepted; it ended (status, rows, missing users, error).',
  },
  {
    events: ['upload.resumed', 'upload.adopted', 'upload.abandoned', 'upload.timeout', 'upload.lost'],
    when: 'Recovery after an interruption or a lost answer; the poll timeout was reached; AspirEDU no longer knows an upload.',
  },
  {
    events: ['http.retry'],
    when: 'A request is retried (status, delay, attempt).',
  },
  {
    events: ['run.held', 'guard.approved', 'guard.overridden', 'hold.released'],
    when: 'The guard held a run (why, the held run, whether it repeats an open hold); a held plan was approved or the guard overridden, by whom; holds were released because the plan no longer trips it.',
  },
  {
    events: ['drift.checked'],
    when: '`sis-sync drift` ran: how many managed dashboards drifted, how many dashboards are not managed.',
  },
  {
    events: ['notify.queued', 'notify.sent', 'notify.failing', 'notify.expired', 'notify.rejected'],
    when: 'Digests were written to the outbox; one was sent; the mail server could not be reached or refused (digests wait for the next run); one was dropped after `notify.outboxMaxAgeHours`; the server refused some recipients.',
  },
  {
    events: ['daemon.started', 'daemon.stopping', 'daemon.stopped', 'daemon.stop_timeout', 'daemon.forced_stop', 'daemon.sighup_ignored'],
    when: "The daemon's life: its schedule, zone, next run and health address; a stop and how it went; a SIGHUP it ignored.",
  },
  {
    events: ['schedule.due', 'schedule.overlap', 'schedule.caught_up', 'schedule.blackout', 'schedule.blackout_over'],
    when: 'A scheduled run came due; it waits for the run in progress; several came due at once; a blackout window began or ended.',
  },
  {
    events: ['resume.started', 'resume.finished'],
    when: 'On start, uploads left in flight by a previous process are polled to their end.',
  },
  {
    events: ['credential.expiring'],
    when: 'A credential expires within `credentials.warnDays`, or has expired.',
  },
  {
    events: ['mapping.module_loaded', 'mapping.module_output', 'mapping.rule'],
    debug: ['mapping.rule'],
    when: '`mapping.module` was (re)loaded; a line it printed (`stream`: stdout or stderr); how many dashboards each rule made.',
  },
] as const satisfies readonly LogEventGroup[];

/** The others, by the part of the service that logs them. */
export const OTHER_LOG_EVENTS = [
  {
    title: 'Runs and uploads',
    groups: [
      {
        events: ['run.interrupted_found'],
        when: "A run (or the daemon's resume on start) found a run a previous process left unfinished, and recorded it as interrupted.",
      },
      {
        events: ['upload.polled', 'upload.poll_failed'],
        debug: ['upload.polled'],
        when: 'An upload was polled (its status); a poll failed (5xx, network) and the upload is polled again later.',
      },
      {
        events: ['upload.placeholder_known'],
        when: 'AspirEDU did not report `sync.emptyPlaceholderId` missing: it is a real user\'s id, the dashboards "emptied" hold that user, and the run stops (exit 2).',
      },
      {
        events: ['http.response'],
        debug: ['http.response'],
        when: 'Every HTTP answer: service, method, path, status, time taken.',
      },
      {
        events: ['config.warning'],
        when: 'A configuration warning: a secret written in the config file, a secret file other users may read, a config file other users may change.',
      },
    ],
  },
  {
    title: 'Safety guard and the approval page',
    groups: [
      {
        events: ['guard.approval_requested', 'guard.declined'],
        when: 'From the [approval page](../web-approval.md): a reader approved a held run (the approval is queued in the daemon), or looked and declined it; with the reader\'s address and `via: "link"`.',
      },
      {
        events: ['web.approval_settled', 'web.approval_deferred'],
        when: 'An approval from the page was applied (the run and its outcome); the approval run was stopped by a shutdown and runs after the next start.',
      },
      {
        events: ['web.bad_link', 'web.form_refused', 'web.rate_limited'],
        when: 'A link that is not valid (expired, changed by hand, already used, its hold ended) was opened; a form not bound to its page was posted; too many link checks came from one address. Never the link token.',
      },
      {
        events: ['web.error'],
        when: 'The approval page could not answer a request.',
      },
    ],
  },
  {
    title: 'Daemon and schedule',
    groups: [
      {
        events: ['daemon.run_error', 'daemon.run_crashed'],
        when: 'A scheduled run could not complete (its error code and reason); a run ended with an unexpected error.',
      },
      {
        events: ['daemon.stale_lock'],
        when: 'The lock on `state.dir` of a process that is gone was taken over.',
      },
      {
        events: ['resume.failed'],
        when: 'On start, the uploads left in flight could not be finished; the next run tries again.',
      },
      {
        events: ['drift.failed'],
        when: 'The scheduled drift check (`drift.cron`) could not complete.',
      },
      {
        events: ['schedule.blackout_skip'],
        debug: ['schedule.blackout_skip'],
        when: 'A later scheduled run skipped in the same blackout window.',
      },
      {
        events: ['scheduler.cron'],
        when: 'A message from node-cron, the library that wakes the scheduler.',
      },
    ],
  },
  {
    title: 'Mail',
    groups: [
      {
        events: ['notify.compose_failed', 'notify.delivery_failed'],
        when: "A digest could not be prepared; the outbox could not be worked through. The run's outcome does not change.",
      },
      {
        events: ['notify.idle'],
        debug: ['notify.idle'],
        when: 'No digest to send.',
      },
    ],
  },
  {
    title: 'PowerSchool (REST API)',
    groups: [
      {
        events: ['powerschool.read.started', 'powerschool.read.finished'],
        when: 'The read began (PowerSchool version, page size, the day read); it ended (counts, time).',
      },
      {
        events: ['powerschool.query.read', 'powerschool.table.read'],
        when: 'One query was read (rows, pages, time); one table of extra student fields was read.',
      },
      {
        events: ['powerschool.roster.note'],
        when: 'Something in the roster deserves a look (for example people sharing one SIS id).',
      },
      {
        events: ['powerschool.sections.course_unmatched'],
        when: 'Sections whose course number matches a course only ignoring case, or no course at all (see [Sources](../sources.md#powerschool-rest-api)).',
      },
      {
        events: ['powerschool.page.capped'],
        when: "PowerSchool answered fewer rows per page than asked, below its metadata's maximum: once per query or table read, with the size asked and returned; the read goes on at that size (see [Sources](../sources.md#powerschool-rest-api)).",
      },
      {
        events: ['powerschool.access_request'],
        when: "PowerSchool refused a query for lack of access: the `<field …/>` lines the plugin's `<access_request>` needs.",
      },
      {
        events: ['powerschool.page_size.unknown'],
        when: '`/ws/v1/metadata` names no maximum page size; the configured or default one is used.',
      },
      {
        events: ['powerschool.token.issued', 'powerschool.token.refused', 'powerschool.token.renewal_failed'],
        when: 'A new OAuth token (why, days it lasts); PowerSchool refused the token in use and a new one is asked for; PowerSchool refused a new token and the run goes on with the current one while it lasts.',
      },
      {
        events: ['powerschool.token.file_mode', 'powerschool.token.file_unreadable'],
        when: 'The cached token file could be read by others and was set to mode 600; it could not be read and a new token is asked for.',
      },
    ],
  },
  {
    title: 'Oracle',
    groups: [
      {
        events: ['oracle.read.started', 'oracle.read.finished'],
        when: 'The read began (database version, the day read); it ended (counts, time).',
      },
      {
        events: ['oracle.query.read', 'oracle.table.read'],
        when: 'One query was read (rows, time); one table of extra student fields was read.',
      },
      {
        events: ['oracle.release.failed'],
        when: 'Closing an Oracle connection or pool failed (the read itself is done).',
      },
    ],
  },
] as const satisfies readonly LogEventSection[];

/** A log event's name; `'run.held' satisfies LogEvent` makes a misspelt name a type error. */
export type LogEvent =
  (typeof COMMON_LOG_EVENTS)[number]['events'][number] | (typeof OTHER_LOG_EVENTS)[number]['groups'][number]['events'][number];

/** Every event name, in the order of the docs. */
export const LOG_EVENTS: readonly LogEvent[] = [
  ...COMMON_LOG_EVENTS.flatMap((group) => group.events),
  ...OTHER_LOG_EVENTS.flatMap((section) => section.groups.flatMap((group) => group.events)),
];
