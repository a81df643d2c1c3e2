import type { Logger } from '../../../log/logger.js';
import type { Roster } from '../../../roster/roster.js';
import type { RosterReader } from '../../../desired/ports.js';
import { isoNow, type Clock } from '../../../util/clock.js';
import { ROSTER_QUERIES, type QueryCatalog } from '../queries/catalog.js';
import { argsFor, rosterQueryArgs, type RosterScope } from '../queries/query-args.js';
import type { QueryDefinition } from '../queries/query-definition.js';
import type { StudentField } from '../queries/student-fields.js';
import { finishRosterRead, rosterCounts } from '../roster/finish-read.js';
import { ROLE_ORDER, RosterAssembler, type RosterOptions } from '../roster/roster-assembler.js';
import type { OracleDatabase, ReadOnlySession, SqlStatement } from './oracle-database.js';

// The PowerSchool Oracle source: the plugin's SQL files run straight on PowerSchool's database,
// in one read-only transaction (every query sees the same moment), each query's rows streamed
// into the roster as they arrive. Reads everything or throws: a half-read roster never leaves.

export interface OracleRosterReaderOptions {
  database: OracleDatabase;
  catalog: QueryCatalog;
  log: Logger;
  clock: Clock;
  roster: RosterOptions;
  studentFields: readonly StudentField[];
  scope: RosterScope;
}

export class OracleRosterReader implements RosterReader {
  readonly description: string;

  constructor(private readonly options: OracleRosterReaderOptions) {
    this.description = `PowerSchool Oracle ${options.database.options.target}`;
  }

  async read(signal?: AbortSignal): Promise<Roster> {
    const { database, catalog, log, clock, scope } = this.options;
    const started = Date.now();
    const args = rosterQueryArgs(scope, isoNow(clock).slice(0, 10));
    return database.withReadOnlySession(async (session) => {
      log.info(
        { event: 'oracle.read.started', server: session.serverVersion, asOfDate: args.as_of_date },
        "Reading the roster from PowerSchool's Oracle database",
      );
      const studentFields = await this.readStudentFields(session, signal);
      const assembler = new RosterAssembler(this.options.roster);
      for (const role of ROLE_ORDER) {
        const query = catalog.get(ROSTER_QUERIES[role]);
        const queryStarted = Date.now();
        const rows = await session.stream(statementOf(query), argsFor(query, args), (row) => assembler.add(role, row), { signal });
        log.info({ event: 'oracle.query.read', query: query.name, rows, ms: Date.now() - queryStarted }, 'Oracle query read');
      }
      const roster = finishRosterRead(assembler, studentFields, log);
      log.info(
        { event: 'oracle.read.finished', ...rosterCounts(roster), ms: Date.now() - started },
        "Roster read from PowerSchool's Oracle database",
      );
      return roster;
    }, signal);
  }

  /** Extra student fields by STUDENTS.DCID: one query per table, read before the students. */
  private async readStudentFields(session: ReadOnlySession, signal?: AbortSignal): Promise<Map<string, Record<string, string>>> {
    const byDcid = new Map<string, Record<string, string>>();
    for (const statement of studentFieldStatements(this.options.studentFields)) {
      const rows = await session.stream(
        statement.statement,
        {},
        (row) => {
          const dcid = row.student_dcid === null || row.student_dcid === undefined ? null : String(row.student_dcid);
          if (dcid === null) return;
          const values = byDcid.get(dcid) ?? {};
          for (const field of statement.fields) {
            const value = row[field.name];
            if (value !== null && value !== undefined && String(value) !== '') values[field.name] = String(value);
          }
          byDcid.set(dcid, values);
        },
        { signal },
      );
      this.options.log.info({ event: 'oracle.table.read', table: statement.table, rows }, 'Student fields read');
    }
    return byDcid;
  }
}

export function statementOf(query: QueryDefinition): SqlStatement {
  return { name: query.name, sql: query.sql, columns: query.columns.map((c) => c.name) };
}

export interface StudentFieldStatement {
  table: string;
  fields: StudentField[];
  statement: SqlStatement;
}

/**
 * One SELECT per table of `powerschool.studentFields`, keyed by the student's DCID. The table
 * and column names were checked to be plain identifiers when the settings were read, so they
 * can stand in the SQL; nothing else is interpolated.
 */
export function studentFieldStatements(fields: readonly StudentField[]): StudentFieldStatement[] {
  const tables = new Map<string, StudentField[]>();
  for (const field of fields) tables.set(field.table, [...(tables.get(field.table) ?? []), field]);
  return [...tables].map(([table, list]) => {
    const key = (list[0] as StudentField).keyField;
    const select = [`t.${key} AS student_dcid`, ...list.map((f, i) => `t.${f.field} AS f${i}`)].join(', ');
    return {
      table,
      fields: list,
      statement: {
        name: `student fields of ${table}`,
        sql: `SELECT ${select} FROM ${table} t ORDER BY t.${key}`,
        columns: ['student_dcid', ...list.map((f) => f.name)],
      },
    };
  });
}
