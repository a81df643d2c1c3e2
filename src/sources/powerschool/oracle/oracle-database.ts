import { SourceError } from '../../../errors.js';
import type { Logger } from '../../../log/logger.js';
import type { CreateOraclePool, OracleConnection, OraclePool, OracleRow } from './oracle-driver.js';
import { oracleSourceError, type OracleErrorContext } from './oracle-errors.js';

// Sessions on PowerSchool's Oracle database, one read-only transaction each. A pool is opened
// for a session and closed after it, so that a daemon holds no database session between runs
// (as the REST reader holds no HTTP connection). Every path releases the connection and closes
// the pool; a connection that failed is dropped rather than reused.

export interface OracleConnectOptions {
  connectString: string;
  /** host:port/service, or the connect string, for messages. */
  target: string;
  user: string;
  password: string;
  /** Set as CURRENT_SCHEMA when not empty. */
  schema: string;
  poolMax: number;
  connectTimeoutSeconds: number;
  callTimeoutSeconds: number;
  fetchArraySize: number;
}

/** A statement with the names of its columns, in SELECT order. */
export interface SqlStatement {
  name: string;
  sql: string;
  columns: readonly string[];
}

export type Binds = Record<string, unknown>;

export class ReadOnlySession {
  constructor(
    private readonly connection: OracleConnection,
    private readonly options: OracleConnectOptions,
    private readonly context: OracleErrorContext,
  ) {}

  get serverVersion(): string | undefined {
    return this.connection.oracleServerVersionString;
  }

  /**
   * Streams a query's rows to `onRow`, `fetchArraySize` rows per round trip, and returns how
   * many there were; `limit` stops early (sis-sync check reads one page). Throws on any failure.
   */
  async stream(
    statement: SqlStatement,
    binds: Binds,
    onRow: (row: Record<string, unknown>) => void,
    options: { signal?: AbortSignal | undefined; limit?: number } = {},
  ): Promise<number> {
    const batch = this.options.fetchArraySize;
    return this.guard(statement, options.signal, async () => {
      const { resultSet } = await this.connection.execute(statement.sql, binds, {
        resultSet: true,
        fetchArraySize: batch,
        prefetchRows: batch,
      });
      if (!resultSet) throw new Error(`the driver returned no result set for ${statement.name}`);
      let count = 0;
      let failed = true;
      try {
        for (;;) {
          options.signal?.throwIfAborted();
          const want = Math.min(batch, (options.limit ?? Infinity) - count);
          if (want <= 0) break;
          const rows = await resultSet.getRows(want);
          for (const values of rows) onRow(named(statement, values, count++));
          if (rows.length < want) break;
        }
        failed = false;
        return count;
      } finally {
        // A close that fails after another failure must not hide the first one.
        await resultSet.close().catch((error: unknown) => {
          if (!failed) throw error;
        });
      }
    });
  }

  /** SELECT COUNT(*) over the statement, with the same binds. */
  async count(statement: SqlStatement, binds: Binds): Promise<number> {
    return this.guard(statement, undefined, async () => {
      const { rows } = await this.connection.execute(`SELECT COUNT(*) FROM (${statement.sql})`, binds);
      return Number(rows?.[0]?.[0]);
    });
  }

  private async guard<T>(statement: SqlStatement, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (signal?.aborted) throw error;
      throw oracleSourceError(error, { ...this.context, statement });
    }
  }
}

export class OracleDatabase {
  constructor(
    readonly options: OracleConnectOptions,
    private readonly loadDriver: () => Promise<CreateOraclePool>,
    private readonly log: Logger,
  ) {}

  /** Opens a read-only session, runs `use` in it, and always releases everything; never commits. */
  async withReadOnlySession<T>(use: (session: ReadOnlySession) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const { options } = this;
    const context: OracleErrorContext = {
      target: options.target,
      user: options.user,
      password: options.password,
      callTimeoutSeconds: options.callTimeoutSeconds,
      connectTimeoutSeconds: options.connectTimeoutSeconds,
      schema: options.schema,
    };
    let pool: OraclePool | undefined;
    let connection: OracleConnection | undefined;
    let failed = true;
    try {
      const createPool = await this.loadDriver();
      pool = await createPool({
        user: options.user,
        password: options.password,
        connectString: options.connectString,
        poolMin: 0,
        poolMax: options.poolMax,
        poolIncrement: 1,
        connectTimeout: options.connectTimeoutSeconds,
        queueTimeout: (options.connectTimeoutSeconds + options.callTimeoutSeconds) * 1000,
      });
      connection = await pool.getConnection();
      connection.callTimeout = options.callTimeoutSeconds * 1000;
      // The schema name was checked to be a plain identifier when the settings were read.
      if (options.schema) await connection.execute(`ALTER SESSION SET CURRENT_SCHEMA = ${options.schema}`);
      // One read-consistent snapshot for every query of the read, and no way to change anything.
      await connection.execute('SET TRANSACTION READ ONLY');
      const result = await use(new ReadOnlySession(connection, options, context));
      failed = false;
      return result;
    } catch (error) {
      if (signal?.aborted) throw error;
      throw oracleSourceError(error, context);
    } finally {
      await this.release(pool, connection, failed);
    }
  }

  private async release(pool: OraclePool | undefined, connection: OracleConnection | undefined, failed: boolean): Promise<void> {
    if (connection) {
      // Ends the read-only transaction; there is nothing to undo.
      await connection.rollback().catch(() => undefined);
      await connection.close({ drop: failed }).catch((error: unknown) => this.warn('connection', error));
    }
    await pool?.close(0).catch((error: unknown) => this.warn('pool', error));
  }

  private warn(what: string, error: unknown): void {
    const { code, message } = oracleSourceError(error, {
      target: this.options.target,
      user: this.options.user,
      password: this.options.password,
      callTimeoutSeconds: this.options.callTimeoutSeconds,
      connectTimeoutSeconds: this.options.connectTimeoutSeconds,
    });
    this.log.warn({ event: 'oracle.release.failed', what, code, error: message }, 'Closing an Oracle connection failed');
  }
}

function named(statement: SqlStatement, values: OracleRow, index: number): Record<string, unknown> {
  if (!Array.isArray(values) || values.length !== statement.columns.length) {
    throw new SourceError(
      `Oracle row ${index + 1} of ${statement.name} has ${Array.isArray(values) ? values.length : 'no'} columns, not the ${statement.columns.length} its SQL selects`,
      { code: 'ORACLE_BAD_ROW', hint: 'Nothing was uploaded. Check that the query files are the ones shipped with this sis-sync.' },
    );
  }
  const row: Record<string, unknown> = {};
  statement.columns.forEach((column, i) => (row[column] = values[i]));
  return row;
}
