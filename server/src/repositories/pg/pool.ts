import pg from 'pg';

/** A pool or one checked-out client: what a repository query runs on. */
export type Queryable = pg.Pool | pg.PoolClient;

/** A row as it comes back: column names to values. */
export type Row = Record<string, unknown>;

const INT8 = 20;
const NUMERIC = 1700;

/**
 * BIGINT (COUNT, SUM, ids) and NUMERIC come back from node-postgres as strings (they may pass
 * 2^53); every such value the relay stores (ids, counts, milliseconds) is far below it, so they
 * are read as numbers, as SQLite answers them. Set per pool, not process-wide.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/**
 * A pool for a `postgres://` URL, reading integers as numbers. `keepIdle` (the relay's pool): a
 * connection once opened stays open while idle, rather than closed after pg-pool's 10 s. A relay
 * opens its connections in bursts (the queue's arrivals, the first messages of many chats) and
 * then runs on one or two: closed 10 s after a burst, all at once, and opened again at the next,
 * each costing PostgreSQL a backend's start (~30 ms of CPU here) and end. At most `max` a node.
 */
export function createPgPool(connectionString: string, max = 10, opts: { keepIdle?: boolean } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, types, ...(opts.keepIdle ? { idleTimeoutMillis: 0 } : {}) });
  // An idle client's connection that breaks (the server restarted, a failover) is dropped by the
  // pool and the next query connects afresh; without a listener the error would end the process.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Runs `work` inside BEGIN … COMMIT on one pooled client; any throw rolls it back and is thrown
 * on. What `work` returns is the answer, given only after the commit.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (caught) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw caught;
  } finally {
    client.release();
  }
}

/** The first row of a query, or null. */
export async function one(db: Queryable, sql: string, params: unknown[] = []): Promise<Row | null> {
  const { rows } = await db.query(sql, params);
  return (rows[0] as Row | undefined) ?? null;
}

/** Every row of a query. */
export async function all(db: Queryable, sql: string, params: unknown[] = []): Promise<Row[]> {
  return (await db.query(sql, params)).rows as Row[];
}

/** How many rows a statement changed. */
export async function changes(db: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  return (await db.query(sql, params)).rowCount ?? 0;
}
