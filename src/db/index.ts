import pg from 'pg';
import type { Logger } from 'pino';

/** Anything that can run a query: the pool or a client inside a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<pg.QueryResult<R>>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** True when pgvector is installed; vector search is off otherwise. */
  vector: boolean;
  /**
   * Runs fn in one transaction. Inside fn use only the given client: the embedded database has a
   * single connection, so a query through the pool would wait for the transaction forever.
   */
  tx<T>(fn: (client: Queryable) => Promise<T>): Promise<T>;
  /** Fails when the database cannot answer; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** postgres://… for a server; otherwise the embedded database is used. */
  url?: string;
  /** Folder for the embedded database; 'memory://' keeps it in memory (tests). */
  dataDir?: string;
  log?: Logger;
  /** Server only: how long to wait for a connection (or a free pool slot); default 3 s. */
  connectTimeoutMs?: number;
  /** Server only: client- and server-side limit for one query; default 5 s. A hung server fails fast. */
  queryTimeoutMs?: number;
}

/** True when err means the database cannot be reached (refused, lost, timed out), not a bad query. */
export function isDatabaseDown(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  const message = (err as Error)?.message ?? '';
  return (
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|57P0\d|57014|08\d\d\d)$/.test(code) ||
    /connect|terminat|Connection|pool after calling end|timeout/i.test(message)
  );
}

function wrapPool(pool: pg.Pool, kind: Db['kind'], onClose: () => Promise<void>): Db {
  return {
    kind,
    vector: false,
    query: (sql, params) => pool.query(sql, params as unknown[]),
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await pool.end();
      await onClose();
    },
  };
}

/** Opens the database: a PostgreSQL server when a URL is given, otherwise embedded PGlite with pgvector. */
export async function openDb(opts: DbOptions): Promise<Db> {
  if (opts.url) {
    const queryTimeout = opts.queryTimeoutMs ?? 5000;
    // Without these a hung server (accepting but not answering) holds every request and /readyz for minutes.
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: 10,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 3000,
      query_timeout: queryTimeout,
      statement_timeout: queryTimeout,
    });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', (err) => opts.log?.warn({ err: err.message }, 'database connection lost'));
    return wrapPool(pool, 'postgres', async () => {});
  }
  const [{ PGlite }, { vector }, { pg_trgm }, { btree_gist }, { createPgConfig }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-pgvector'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    // Booking's "no overlapping slots per coach" exclusion constraint needs btree_gist.
    import('@electric-sql/pglite/contrib/btree_gist'),
    import('@electric-sql/pglite/node-postgres'),
  ]);
  const dataDir = opts.dataDir ?? 'memory://';
  const pglite = await PGlite.create(dataDir, { extensions: { vector, pg_trgm, btree_gist } });
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  return wrapPool(pool, 'pglite', () => pglite.close());
}
