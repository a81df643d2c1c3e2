import type { Check, CheckProvider } from '../../source-module.js';
import { loadQueryCatalog } from '../queries/catalog.js';
import { argsFor, rosterQueryArgs } from '../queries/query-args.js';
import type { StudentField } from '../queries/student-fields.js';
import { oracleSourceParts } from './create-oracle-reader.js';
import type { OracleDatabase } from './oracle-database.js';
import { statementOf, studentFieldStatements } from './oracle-reader.js';

// `sis-sync check` for the Oracle source, only when it is the configured source: the login
// (server version, read-only transaction), then each roster query counted and its first page
// streamed, then each table of powerschool.studentFields. Every check has its own read-only
// session, so one failure (a missing grant) does not hide the others.

const SAMPLE_ROWS = 5;

export const oracleChecks: CheckProvider = (settings, log) => {
  if (settings.source.type !== 'powerschool-oracle') return [];
  let database: OracleDatabase;
  let studentFields: StudentField[];
  try {
    ({ database, studentFields } = oracleSourceParts(settings, log));
  } catch (error) {
    return [{ name: 'Oracle settings', run: () => Promise.reject(error) }];
  }
  const args = rosterQueryArgs(settings.powerschool, new Date().toISOString().slice(0, 10));
  const connection: Check = {
    name: `Oracle connection (${database.options.user} at ${database.options.target})`,
    run: () =>
      database.withReadOnlySession(
        async (session) => `logged in; read-only transaction started; Oracle ${session.serverVersion ?? '(version not given)'}`,
      ),
  };
  const queries = loadQueryCatalog().queries.map((query): Check => ({
    name: `Oracle query ${query.name}`,
    needs: connection.name,
    run: () =>
      database.withReadOnlySession(async (session) => {
        const statement = statementOf(query);
        const binds = argsFor(query, args);
        const count = await session.count(statement, binds);
        const read = await session.stream(statement, binds, () => undefined, { limit: SAMPLE_ROWS });
        return `${count} rows; first ${read} read`;
      }),
  }));
  const tables = studentFieldStatements(studentFields).map(({ table, fields, statement }): Check => ({
    name: `Oracle table ${table}`,
    needs: connection.name,
    run: () =>
      database.withReadOnlySession(async (session) => {
        const read = await session.stream(statement, {}, () => undefined, { limit: SAMPLE_ROWS });
        return `${fields.map((f) => f.field).join(', ')} readable (${read} rows sampled)`;
      }),
  }));
  return [connection, ...queries, ...tables];
};
