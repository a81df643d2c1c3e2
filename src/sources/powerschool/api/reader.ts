import type { CredentialExpiry, CredentialExpirySource } from '../../../desired/credentials.js';
import type { Logger } from '../../../log/logger.js';
import type { Roster } from '../../../roster/roster.js';
import type { RosterReader } from '../../../desired/ports.js';
import { isoNow, type Clock } from '../../../util/clock.js';
import { ROSTER_QUERIES, type QueryCatalog, type RosterQueryRole } from '../queries/catalog.js';
import type { StudentField } from '../queries/student-fields.js';
import { argsFor, rosterQueryArgs, type QueryArgValues } from '../queries/query-args.js';
import type { PowerSchoolClient } from './client.js';
import { asText } from './json-quirks.js';
import { runStaggered, type StaggeredRead } from './staggered.js';
import { OrderedRosterFeed } from '../roster/ordered-feed.js';
import { finishRosterRead, rosterCounts } from '../roster/finish-read.js';
import { RosterAssembler, type RosterOptions } from '../roster/roster-assembler.js';
import type { RenewalFailure } from './token-cache.js';
import { CREDENTIALS_HINT } from './token-provider.js';

// The PowerSchool REST source: reads the whole roster through the plugin's PowerQueries (and
// the schema table API for extra student fields), or throws. A client is made for each read and
// closed after it, so that a daemon holds no connection between runs.

/** Used when the server's metadata names no maximum page size. */
export const FALLBACK_PAGE_SIZE = 100;

export interface PowerSchoolApiReaderOptions {
  server: string;
  createClient: () => PowerSchoolClient;
  /** Set when PowerSchool refused an early renewal of the token: the run warns while the old one lasts. */
  tokenRenewalFailure?: () => RenewalFailure | undefined;
  catalog: QueryCatalog;
  log: Logger;
  clock: Clock;
  roster: RosterOptions;
  studentFields: readonly StudentField[];
  activeEnrollStatuses: readonly number[];
  /** Empty: every school. */
  schools: readonly string[];
  /** YYYY-MM-DD, or empty for today. */
  asOfDate: string;
  /** 0: the server's maximum. */
  pageSize: number;
}

export class PowerSchoolApiReader implements RosterReader, CredentialExpirySource {
  readonly description: string;

  constructor(private readonly options: PowerSchoolApiReaderOptions) {
    this.description = `PowerSchool ${options.server}`;
  }

  /** The OAuth token renews itself; it is reported only when PowerSchool refused its renewal. */
  credentialExpiries(): CredentialExpiry[] {
    const failure = this.options.tokenRenewalFailure?.();
    if (!failure) return [];
    return [
      {
        credential: 'PowerSchool OAuth token',
        expiresAt: failure.expiresAt,
        origin: 'reported',
        hint: `PowerSchool refused a new token (${failure.reason}). ${CREDENTIALS_HINT}`,
      },
    ];
  }

  async read(signal?: AbortSignal): Promise<Roster> {
    const { log } = this.options;
    const client = this.options.createClient();
    const started = Date.now();
    try {
      const metadata = await client.metadata();
      const pageSize = this.pageSize(metadata.maxPageSize);
      const args = this.queryArgs();
      log.info(
        { event: 'powerschool.read.started', version: metadata.version, pageSize, asOfDate: args.as_of_date },
        'Reading the roster from PowerSchool',
      );
      // Each read begins once the one before has asked for its last page (runStaggered); each
      // query's rows go to the assembler while the queries after it are still being read.
      const assembler = new RosterAssembler(this.options.roster);
      const feed = new OrderedRosterFeed(assembler);
      const queryReads = (Object.entries(ROSTER_QUERIES) as Array<[RosterQueryRole, string]>).map(
        ([role, name]): StaggeredRead<void> =>
          async (startNext, readSignal) => {
            const query = this.options.catalog.get(name);
            const queryStarted = Date.now();
            const result = await client.readQuery(query, argsFor(query, args), pageSize, readSignal, startNext);
            await feed.complete(role, result.rows, readSignal);
            log.info(
              { event: 'powerschool.query.read', query: name, rows: result.count, pages: result.pages, ms: Date.now() - queryStarted },
              'PowerQuery read',
            );
          },
      );
      const studentFields = new Map<string, Record<string, string>>();
      await runStaggered([...queryReads, ...this.studentFieldReads(client, pageSize, studentFields)], signal);
      const roster = finishRosterRead(assembler, studentFields, log);
      log.info({ event: 'powerschool.read.finished', ...rosterCounts(roster), ms: Date.now() - started }, 'Roster read from PowerSchool');
      return roster;
    } finally {
      await client.close();
    }
  }

  private pageSize(serverMax: number | undefined): number {
    const max = serverMax ?? FALLBACK_PAGE_SIZE;
    if (serverMax === undefined) {
      this.options.log.warn({ event: 'powerschool.page_size.unknown', pageSize: max }, 'PowerSchool metadata names no maximum page size');
    }
    return this.options.pageSize > 0 ? Math.min(this.options.pageSize, max) : max;
  }

  private queryArgs(): QueryArgValues {
    return rosterQueryArgs(this.options, isoNow(this.options.clock).slice(0, 10));
  }

  /** Reads of the extra student fields into `byDcid` (by STUDENTS.DCID), one schema-table read per table. */
  private studentFieldReads(
    client: PowerSchoolClient,
    pageSize: number,
    byDcid: Map<string, Record<string, string>>,
  ): Array<StaggeredRead<void>> {
    const tables = new Map<string, StudentField[]>();
    for (const field of this.options.studentFields) tables.set(field.table, [...(tables.get(field.table) ?? []), field]);
    return [...tables].map(([table, fields]) => async (startNext, signal) => {
      const key = (fields[0] as StudentField).keyField.toLowerCase();
      const result = await client.readTable(table.toLowerCase(), [key, ...fields.map((f) => f.field)], pageSize, signal, startNext);
      for (const row of result.rows) {
        const dcid = asText(row[key]);
        if (dcid === null) continue;
        const values = byDcid.get(dcid) ?? {};
        for (const field of fields) {
          const value = asText(row[field.field.toLowerCase()]);
          if (value !== null && value !== '') values[field.name] = value;
        }
        byDcid.set(dcid, values);
      }
      this.options.log.info({ event: 'powerschool.table.read', table, rows: result.count, pages: result.pages }, 'Student fields read');
    });
  }
}
