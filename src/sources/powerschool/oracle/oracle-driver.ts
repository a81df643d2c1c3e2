// The part of node-oracledb that sis-sync uses, as interfaces: the reader and the checks are
// written against these, the real driver satisfies them (`loadOracleDriver`), and tests put a
// small fake or a SQLite-backed pool behind the same shape. Rows are fetched as arrays (the
// driver's default outFormat) and named from the query's own column list, so that Oracle's
// upper-case column names never matter.

export type OracleRow = unknown[];

export interface OracleResultSet {
  /** Up to `count` rows; fewer, or none, at the end. */
  getRows(count: number): Promise<OracleRow[]>;
  close(): Promise<void>;
}

export interface OracleExecuteOptions {
  /** Stream through a result set instead of fetching every row at once. */
  resultSet?: boolean;
  /** Rows per round trip while fetching. */
  fetchArraySize?: number;
  /** Rows sent back with the execute round trip itself. */
  prefetchRows?: number;
}

export interface OracleExecuteResult {
  resultSet?: OracleResultSet;
  rows?: OracleRow[];
}

export interface OracleConnection {
  execute(sql: string, binds?: Record<string, unknown>, options?: OracleExecuteOptions): Promise<OracleExecuteResult>;
  rollback(): Promise<void>;
  /** `drop` takes a connection that failed out of the pool instead of reusing it. */
  close(options?: { drop?: boolean }): Promise<void>;
  /** Milliseconds one round trip may take; 0 waits forever. */
  callTimeout: number;
  readonly oracleServerVersionString?: string;
}

export interface OraclePool {
  getConnection(): Promise<OracleConnection>;
  /** Seconds to wait for connections in use; 0 closes at once. */
  close(drainTimeSeconds?: number): Promise<void>;
}

export interface OraclePoolAttributes {
  user: string;
  password: string;
  connectString: string;
  poolMin: number;
  poolMax: number;
  poolIncrement: number;
  /** Seconds to wait for a new connection to be established. */
  connectTimeout: number;
  /** Milliseconds a request for a pooled connection may wait. */
  queueTimeout: number;
}

export type CreateOraclePool = (attributes: OraclePoolAttributes) => Promise<OraclePool>;

/**
 * node-oracledb in Thin mode: pure JavaScript, no Oracle Instant Client. Loaded when an Oracle
 * source is first used, so that the other sources never load it.
 */
export async function loadOracleDriver(): Promise<CreateOraclePool> {
  const { default: oracledb } = await import('oracledb');
  // Arrays, whatever another part of the process may have set: rows are named by the query's columns.
  oracledb.outFormat = oracledb.OUT_FORMAT_ARRAY;
  return async (attributes) => (await oracledb.createPool(attributes)) as unknown as OraclePool;
}
