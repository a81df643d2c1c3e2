import type { SimDatabase } from '../../src/sim/powerschool/database.js';
import type {
  CreateOraclePool,
  OracleConnection,
  OracleExecuteOptions,
  OracleExecuteResult,
  OraclePool,
  OraclePoolAttributes,
  OracleRow,
} from '../../src/sources/powerschool/oracle/oracle-driver.js';

// node-oracledb's pool and connection, as far as sis-sync uses them, over the PowerSchool
// simulator's SQLite database: the plugin's SQL runs unchanged (Oracle's TO_DATE is registered
// on SQLite), rows stream through a cursor in batches, and everything the code does is recorded
// so that tests can see the binds, the batches, the read-only transaction and every release.
// Faults can be injected at each step. Like a read-only Oracle session, it refuses anything but
// queries, and it has no commit at all.

export type FaultStage = 'createPool' | 'getConnection' | 'execute' | 'getRows' | 'resultSet.close' | 'connection.close';

export interface Fault {
  stage: FaultStage;
  error: Error;
  /** Only statements whose SQL contains this (execute); the n-th call (getRows, 1-based). */
  sql?: string;
  call?: number;
}

export interface OracleSqliteLog {
  pools: OraclePoolAttributes[];
  /** Every statement executed, with its binds and options. */
  executed: Array<{ sql: string; binds: Record<string, unknown> | undefined; options: OracleExecuteOptions | undefined }>;
  /** The size asked of each getRows call, and how many came back. */
  fetches: Array<{ asked: number; got: number }>;
  callTimeouts: number[];
  rollbacks: number;
  connectionsOpen: number;
  connectionCloses: Array<{ drop: boolean }>;
  resultSetsOpen: number;
  poolsOpen: number;
}

export interface OracleSqlite {
  driver: () => Promise<CreateOraclePool>;
  log: OracleSqliteLog;
  faults: Fault[];
}

const SESSION_STATEMENT = /^\s*(SET\s+TRANSACTION\s+READ\s+ONLY|ALTER\s+SESSION\s+SET\s+CURRENT_SCHEMA\s*=\s*\w+)\s*$/i;

export function oracleOnSqlite(
  db: SimDatabase,
  options: { serverVersion?: string; afterFetch?: (fetches: number) => void } = {},
): OracleSqlite {
  const faults: Fault[] = [];
  const log: OracleSqliteLog = {
    pools: [],
    executed: [],
    fetches: [],
    callTimeouts: [],
    rollbacks: 0,
    connectionsOpen: 0,
    connectionCloses: [],
    resultSetsOpen: 0,
    poolsOpen: 0,
  };
  let getRowsCalls = 0;
  const fault = (stage: FaultStage, sql?: string) => {
    const found = faults.find(
      (f) =>
        f.stage === stage &&
        (f.sql === undefined || (sql ?? '').includes(f.sql)) &&
        (f.call === undefined || (stage === 'getRows' && f.call === getRowsCalls)),
    );
    if (found) throw found.error;
  };

  const connection = (): OracleConnection => {
    let callTimeout = 0;
    return {
      get callTimeout() {
        return callTimeout;
      },
      set callTimeout(ms: number) {
        callTimeout = ms;
        log.callTimeouts.push(ms);
      },
      oracleServerVersionString: options.serverVersion ?? '19.22.0.0.0',
      async execute(sql, binds, executeOptions): Promise<OracleExecuteResult> {
        log.executed.push({ sql, binds, options: executeOptions });
        fault('execute', sql);
        if (SESSION_STATEMENT.test(sql)) return {};
        if (!/^\s*select\b/i.test(sql)) {
          throw Object.assign(new Error('ORA-01456: may not perform insert/delete/update operation inside a READ ONLY transaction'), {
            code: 'ORA-01456',
            errorNum: 1456,
          });
        }
        const statement = db.prepare(sql).raw();
        if (!executeOptions?.resultSet) return { rows: statement.all(binds ?? {}) as OracleRow[] };
        const cursor = statement.iterate(binds ?? {}) as IterableIterator<OracleRow>;
        log.resultSetsOpen++;
        let closed = false;
        return {
          resultSet: {
            async getRows(count) {
              getRowsCalls++;
              fault('getRows');
              const rows: OracleRow[] = [];
              while (rows.length < count) {
                const next = cursor.next();
                if (next.done) break;
                rows.push(next.value);
              }
              log.fetches.push({ asked: count, got: rows.length });
              options.afterFetch?.(log.fetches.length);
              return rows;
            },
            async close() {
              if (!closed) {
                closed = true;
                cursor.return?.();
                log.resultSetsOpen--;
              }
              fault('resultSet.close');
            },
          },
        };
      },
      async rollback() {
        log.rollbacks++;
      },
      async close(closeOptions) {
        log.connectionsOpen--;
        log.connectionCloses.push({ drop: closeOptions?.drop ?? false });
        fault('connection.close');
      },
    };
  };

  const createPool: CreateOraclePool = async (attributes) => {
    log.pools.push(attributes);
    fault('createPool');
    log.poolsOpen++;
    const pool: OraclePool = {
      async getConnection() {
        fault('getConnection');
        log.connectionsOpen++;
        return connection();
      },
      async close() {
        log.poolsOpen--;
      },
    };
    return pool;
  };
  return { driver: async () => createPool, log, faults };
}
